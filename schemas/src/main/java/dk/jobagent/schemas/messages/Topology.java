package dk.jobagent.schemas.messages;

/**
 * RabbitMQ names (SPEC §3, schemas/asyncapi.yaml). Declared by the worker (it owns consumption) and
 * by ingest-api (it must be able to publish before any worker ever ran); declarations are
 * idempotent.
 *
 * <pre>
 * jobagent.commands (direct) --enrolment.create|enrolment.delete--> jobagent.commands       (quorum)
 *                            --enrolment.update-------------------> jobagent.commands.booking (quorum)
 * failed attempt n  -> jobagent.commands.retry (direct, key = queue name) -> jobagent.commands.retry.&lt;queue&gt;
 *                      (TTL back-off, dead-letters back to jobagent.commands with the original key)
 * after max attempts -> jobagent.commands.dlx (fanout) -> jobagent.commands.dlq (quorum)
 * receipts -> jobagent.receipts (topic), routing key receipt.&lt;clientId&gt;
 * </pre>
 */
public final class Topology {
  public static final String COMMAND_EXCHANGE = "jobagent.commands";
  public static final String COMMAND_QUEUE = "jobagent.commands";
  public static final String BOOKING_COMMAND_QUEUE = "jobagent.commands.booking";
  public static final String RETRY_EXCHANGE = "jobagent.commands.retry";
  public static final String DEAD_LETTER_EXCHANGE = "jobagent.commands.dlx";
  public static final String DEAD_LETTER_QUEUE = "jobagent.commands.dlq";
  public static final String RECEIPT_EXCHANGE = "jobagent.receipts";

  /** Message headers. */
  public static final String HEADER_ATTEMPT = "x-jobagent-attempt";

  public static final String HEADER_DEAD_LETTER_REASON = "x-jobagent-dead-letter-reason";
  public static final String HEADER_TRACEPARENT = "traceparent";

  private Topology() {}

  public static String receiptRoutingKey(String clientId) {
    return "receipt." + clientId;
  }
}
