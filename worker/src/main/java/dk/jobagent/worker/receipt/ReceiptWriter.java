package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Topology;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a request final, in the caller's transaction: the receipt columns of the {@code request}
 * row, the reply in the {@code outbox} and a {@code NOTIFY receipt_completed} for ingest-api's long
 * polls (PostgreSQL delivers it on commit, so a poller never sees a receipt that is rolled back).
 */
@Component
public class ReceiptWriter {

  /** The channel ingest-api LISTENs on; payload {@code <clientId>:<requestId>}. */
  public static final String NOTIFY_CHANNEL = "receipt_completed";

  private static final String FINISH_SQL =
      """
      with finished as (
        update request
           set status = :status, completed_at = :completedAt, result = cast(:result as jsonb),
               errors = cast(:errors as jsonb), warnings = cast(:warnings as jsonb)
         where client_id = :clientId and request_id = :requestId
        returning client_id, request_id
      ), reply as (
        insert into outbox (exchange, routing_key, message_id, payload, headers)
        select :exchange, :routingKey, request_id, :payload, cast(:headers as jsonb) from finished
      )
      select pg_notify(:channel, client_id || ':' || request_id) from finished
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ReplyRelay relay;

  ReceiptWriter(JdbcClient jdbc, JsonMapper json, ReplyRelay relay) {
    this.jdbc = jdbc;
    this.json = json;
    this.relay = relay;
  }

  /**
   * Writes the final receipt. Must run in the transaction that holds the request's row lock.
   *
   * @param result null unless COMPLETED
   * @param errors primary first; empty unless REJECTED or FAILED
   */
  public Receipt finish(
      LockedRequest request,
      ReceiptStatus status,
      EnrollmentAndBookResponse result,
      List<ReceiptError> errors,
      List<ReceiptError> warnings,
      Instant completedAt) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a receipt is written only inside a transaction");
    }
    List<ReceiptError> errorList = errors.isEmpty() ? null : List.copyOf(errors);
    List<ReceiptError> warningList = warnings.isEmpty() ? null : List.copyOf(warnings);
    Receipt receipt =
        new Receipt(
            request.requestId(),
            request.operation(),
            status,
            copenhagen(request.receivedAt()),
            copenhagen(completedAt),
            result,
            errorList,
            warningList);

    // one round trip: the receipt columns, the reply row and the notification
    int finished =
        jdbc.sql(FINISH_SQL)
            .param("status", status.name())
            .param("completedAt", Timestamp.from(completedAt))
            .param("result", result == null ? null : json.writeValueAsString(result), Types.VARCHAR)
            .param(
                "errors",
                errorList == null ? null : json.writeValueAsString(errorList),
                Types.VARCHAR)
            .param(
                "warnings",
                warningList == null ? null : json.writeValueAsString(warningList),
                Types.VARCHAR)
            .param("clientId", request.clientId())
            .param("requestId", request.requestId())
            .param("exchange", Topology.RECEIPT_EXCHANGE)
            .param("routingKey", Topology.receiptRoutingKey(request.clientId()))
            .param("payload", json.writeValueAsBytes(receipt))
            .param("headers", headers(request))
            .param("channel", NOTIFY_CHANNEL)
            .query()
            .listOfRows()
            .size();
    if (finished != 1) {
      throw new IllegalStateException(request + " vanished while it was locked");
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.wake();
          }
        });
    return receipt;
  }

  private String headers(LockedRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-jobagent-client-id", request.clientId());
    headers.put("x-jobagent-request-id", request.requestId());
    if (request.traceParent() != null) {
      headers.put(Topology.HEADER_TRACEPARENT, request.traceParent());
    }
    return json.writeValueAsString(headers);
  }

  private static OffsetDateTime copenhagen(Instant instant) {
    return OffsetDateTime.ofInstant(instant, CopenhagenDates.ZONE);
  }
}
