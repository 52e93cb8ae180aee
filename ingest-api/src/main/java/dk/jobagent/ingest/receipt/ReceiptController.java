package dk.jobagent.ingest.receipt;

import dk.jobagent.ingest.audit.AuditLog;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /v1/receipts/{requestId}: the receipt of one of the caller's own requests (404 for anyone
 * else's). With {@code Prefer: wait=N} a PENDING receipt is held open up to N seconds (≤ 30) and
 * answered as soon as the worker's NOTIFY says it completed. No database connection is held while
 * waiting. Each answered receipt leaves one audit record (outcome: the receipt's status).
 */
@RestController
class ReceiptController {

  private final ReceiptRepository receipts;
  private final ReceiptNotificationListener listener;
  private final JsonMapper json;
  private final TransactionTemplate tx;
  private final AuditLog audit;

  ReceiptController(
      ReceiptRepository receipts,
      ReceiptNotificationListener listener,
      JsonMapper json,
      TransactionTemplate tx,
      AuditLog audit) {
    this.tx = tx;
    this.audit = audit;
    this.receipts = receipts;
    this.listener = listener;
    this.json = json;
  }

  @GetMapping("/v1/receipts/{requestId}")
  ResponseEntity<Map<String, Object>> receipt(
      @PathVariable String requestId,
      HttpServletRequest request,
      @AuthenticationPrincipal Jwt jwt) {
    Caller caller = Caller.of(jwt);
    String clientId = caller.clientId();
    OptionalInt wait = PreferWait.parse(request.getHeaders("Prefer"));
    if (wait.isPresent() && wait.getAsInt() > 0) {
      ReceiptRepository.Row first = find(clientId, requestId);
      if (first.pending()) {
        awaitCompletion(clientId, requestId, wait.getAsInt(), first);
      }
    }
    // The read that is answered and its audit record commit together (the long poll's interim
    // reads are not answered and not recorded).
    ReceiptRepository.Row row =
        tx.execute(
            status -> {
              ReceiptRepository.Row r = find(clientId, requestId);
              audit.record(
                  clientId,
                  caller.accessCategory(),
                  AuditLog.GET_RECEIPT,
                  requestId,
                  r.status(),
                  null,
                  r.cpr());
              return r;
            });
    ResponseEntity.BodyBuilder response = ResponseEntity.ok();
    wait.ifPresent(n -> response.header("Preference-Applied", "wait=" + n));
    response.header(HttpHeaders.VARY, "Prefer");
    if (row.pending()) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.body(body(row));
  }

  private ReceiptRepository.Row awaitCompletion(
      String clientId, String requestId, int seconds, ReceiptRepository.Row first) {
    ReceiptWaiters waiters = listener.waiters();
    String key = ReceiptWaiters.key(clientId, requestId);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ReceiptRepository.Row row = first;
    while (row.pending()) {
      CompletableFuture<Void> woken = waiters.register(key);
      try {
        // Re-read after subscribing: a completion that came in between is not lost.
        row = find(clientId, requestId);
        if (!row.pending()) {
          return row;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return row;
        }
        woken.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return find(clientId, requestId);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return row;
      } catch (ExecutionException e) {
        return row;
      } finally {
        waiters.unregister(key, woken);
      }
      row = find(clientId, requestId);
    }
    return row;
  }

  private ReceiptRepository.Row find(String clientId, String requestId) {
    Optional<ReceiptRepository.Row> row = receipts.find(clientId, requestId);
    return row.orElseThrow(
        () ->
            new ApiProblem(
                Problems.of(
                    HttpStatus.NOT_FOUND,
                    "receipt-not-found",
                    "Receipt not found",
                    "No request with this x-requestId was received from this client.")));
  }

  private Map<String, Object> body(ReceiptRepository.Row row) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestId", row.requestId());
    body.put("operation", row.operation());
    body.put("status", row.status());
    body.put("receivedAt", row.receivedAt());
    body.put("completedAt", row.completedAt());
    putJson(body, "result", row.resultJson());
    putJson(body, "errors", row.errorsJson());
    putJson(body, "warnings", row.warningsJson());
    return body;
  }

  private void putJson(Map<String, Object> body, String name, String text) {
    if (text != null) {
      JsonNode node = json.readTree(text);
      if (!node.isNull()) {
        body.put(name, node);
      }
    }
  }
}
