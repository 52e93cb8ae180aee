package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;

/**
 * A {@code request} row, read with a row lock held until the processing transaction ends: while one
 * delivery of a command holds it, a duplicate delivery waits and then sees the final status.
 *
 * @param body the request body as JSON text; null for DeleteJobagent
 */
public record LockedRequest(
    String clientId,
    String requestId,
    Operation operation,
    String cpr,
    String body,
    Instant receivedAt,
    String traceParent,
    ReceiptStatus status) {

  @Override
  public String toString() {
    // never the CPR, never the body (it may hold an e-mail address)
    return "request " + clientId + "/" + requestId + " (" + operation + ", " + status + ")";
  }
}
