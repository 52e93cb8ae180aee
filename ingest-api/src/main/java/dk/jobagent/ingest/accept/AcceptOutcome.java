package dk.jobagent.ingest.accept;

/** What became of one write after its batch committed. */
enum AcceptOutcome {
  /** Stored with its outbox row: 202. */
  ACCEPTED,
  /** The x-requestId was seen before with the same operation, CPR and body: 412. */
  DUPLICATE,
  /** The x-requestId was seen before with something else: 412 request-id-reused. */
  REUSED
}
