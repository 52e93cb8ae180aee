package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Topology;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

  /**
   * One round trip for a whole batch: the receipt columns, the reply rows (in the batch's order, so
   * the relay publishes them so) and the notifications.
   */
  private static final String FINISH_SQL =
      """
      with k as (
        select * from unnest(cast(:clients as text[]), cast(:requests as text[]),
                             cast(:statuses as text[]), cast(:results as text[]),
                             cast(:errors as text[]), cast(:warnings as text[]),
                             cast(:routingKeys as text[]), cast(:payloads as text[]),
                             cast(:headers as text[]))
                 with ordinality as k(client_id, request_id, status, result, errors, warnings,
                                      routing_key, payload, headers, n)
      ), finished as (
        update request r
           set status = k.status, completed_at = :completedAt, result = cast(k.result as jsonb),
               errors = cast(k.errors as jsonb), warnings = cast(k.warnings as jsonb)
          from k
         where r.client_id = k.client_id and r.request_id = k.request_id
        returning r.client_id, r.request_id
      ), reply as (
        insert into outbox (exchange, routing_key, message_id, payload, headers)
        select :exchange, k.routing_key, k.request_id, convert_to(k.payload, 'UTF8'),
               cast(k.headers as jsonb)
          from k join finished f using (client_id, request_id)
         order by k.n
      )
      select pg_notify(:channel, client_id || ':' || request_id) from finished
      """;

  /**
   * A request to make final.
   *
   * @param result null unless COMPLETED
   * @param errors primary first; empty unless REJECTED or FAILED
   */
  public record Finish(
      LockedRequest request,
      ReceiptStatus status,
      EnrollmentAndBookResponse result,
      List<ReceiptError> errors,
      List<ReceiptError> warnings) {}

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
    return finishAll(List.of(new Finish(request, status, result, errors, warnings)), completedAt)
        .getFirst();
  }

  /**
   * Writes the final receipts of a batch in one statement. Must run in the transaction that holds
   * the requests' row locks.
   */
  public List<Receipt> finishAll(List<Finish> finishes, Instant completedAt) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a receipt is written only inside a transaction");
    }
    if (finishes.isEmpty()) {
      return List.of();
    }
    int n = finishes.size();
    String[] clients = new String[n];
    String[] requests = new String[n];
    String[] statuses = new String[n];
    String[] results = new String[n];
    String[] errors = new String[n];
    String[] warnings = new String[n];
    String[] routingKeys = new String[n];
    String[] payloads = new String[n];
    String[] headers = new String[n];
    List<Receipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Finish f = finishes.get(i);
      LockedRequest request = f.request();
      List<ReceiptError> errorList = f.errors().isEmpty() ? null : List.copyOf(f.errors());
      List<ReceiptError> warningList = f.warnings().isEmpty() ? null : List.copyOf(f.warnings());
      Receipt receipt =
          new Receipt(
              request.requestId(),
              request.operation(),
              f.status(),
              copenhagen(request.receivedAt()),
              copenhagen(completedAt),
              f.result(),
              errorList,
              warningList);
      receipts.add(receipt);
      clients[i] = request.clientId();
      requests[i] = request.requestId();
      statuses[i] = f.status().name();
      results[i] = f.result() == null ? null : json.writeValueAsString(f.result());
      errors[i] = errorList == null ? null : json.writeValueAsString(errorList);
      warnings[i] = warningList == null ? null : json.writeValueAsString(warningList);
      routingKeys[i] = Topology.receiptRoutingKey(request.clientId());
      payloads[i] = json.writeValueAsString(receipt);
      headers[i] = headers(request);
    }
    int finished =
        jdbc.sql(FINISH_SQL)
            .param("clients", clients)
            .param("requests", requests)
            .param("statuses", statuses)
            .param("results", results)
            .param("errors", errors)
            .param("warnings", warnings)
            .param("routingKeys", routingKeys)
            .param("payloads", payloads)
            .param("headers", headers)
            .param("completedAt", Timestamp.from(completedAt))
            .param("exchange", Topology.RECEIPT_EXCHANGE)
            .param("channel", NOTIFY_CHANNEL)
            .query()
            .listOfRows()
            .size();
    if (finished != n) {
      throw new IllegalStateException(
          (n - finished) + " of " + n + " locked requests vanished before their receipts");
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.wake();
          }
        });
    return receipts;
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
