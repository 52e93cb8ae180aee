package dk.jobagent.worker.bulk;

/** A line's status in the result file: its receipt's final status, or DUPLICATE. */
enum LineStatus {
  COMPLETED,
  REJECTED,
  FAILED,
  /** The requestId was already seen for this client: the first request's receipt stands. */
  DUPLICATE
}
