package dk.jobagent.ingest.accept;

import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import java.time.Instant;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The few small JSON texts of the accept path, written directly: the {@link EnrolmentCommand}
 * payload, the outbox headers and the 202 body. On a path that runs thousands of times a second a
 * general-purpose mapper (and MVC's content negotiation for a Map body) cost measurable CPU for
 * four fixed members. A test checks that the payload reads back as an {@link EnrolmentCommand}.
 */
final class CommandJson {

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private CommandJson() {}

  static String command(String clientId, String requestId, Operation op, Instant receivedAt) {
    return "{\"clientId\":"
        + quote(clientId)
        + ",\"requestId\":"
        + quote(requestId)
        + ",\"operation\":\""
        + op.name()
        + "\",\"receivedAt\":\""
        + receivedAt
        + "\"}";
  }

  static String headers(String traceParent) {
    return "{\"" + Topology.HEADER_TRACEPARENT + "\":" + quote(traceParent) + "}";
  }

  static String accepted(String requestId, String receiptUri) {
    return "{\"requestId\":"
        + quote(requestId)
        + ",\"status\":\"PENDING\",\"receipt\":"
        + quote(receiptUri)
        + "}";
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8).append('"');
    ENCODER.quoteAsString(s, out);
    return out.append('"').toString();
  }
}
