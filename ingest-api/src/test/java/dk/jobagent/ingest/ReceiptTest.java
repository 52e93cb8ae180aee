package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.testing.TestServices;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReceiptTest extends IngestTestBase {

  private final String client = uniqueClient();
  private final String token = writer(client);

  @Test
  void pendingReceiptOfOwnRequest() {
    String id = accepted();
    HttpResponse<String> r = get(token, id, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode receipt = json(r);
    assertThat(receipt.get("requestId").asString()).isEqualTo(id);
    assertThat(receipt.get("operation").asString()).isEqualTo("CREATE");
    assertThat(receipt.get("status").asString()).isEqualTo("PENDING");
    assertThat(receipt.get("receivedAt").asString()).isNotBlank();
    assertThat(receipt.has("result")).isFalse();
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void anotherClientsReceiptIsNotFound() {
    String id = accepted();
    HttpResponse<String> r = get(writer(uniqueClient()), id, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(get(token, "never-sent-" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void longPollWakesAsSoonAsTheWorkerNotifies() throws Exception {
    String id = accepted();
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> poll =
        CompletableFuture.supplyAsync(() -> get(token, id, "wait=20"));
    Thread.sleep(700); // let the poll subscribe
    assertThat(poll).isNotDone();
    completeLikeTheWorker(id);
    long notified = System.nanoTime();
    HttpResponse<String> r = poll.get();
    long afterNotifyMs = (System.nanoTime() - notified) / 1_000_000;

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode receipt = json(r);
    assertThat(receipt.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(receipt.get("completedAt").asString()).isNotBlank();
    assertThat(receipt.get("result").get("ServiceReceipt").get("MessageIdentifier").asString())
        .isEqualTo(id);
    assertThat(receipt.get("warnings").get(0).get("code").asInt()).isEqualTo(9345);
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("wait=20");
    // woken by the notification, far from the 20 s the caller allowed
    assertThat(afterNotifyMs).isLessThan(2_000);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void longPollAnswersPendingWhenTheWaitRunsOut() {
    String id = accepted();
    long start = System.nanoTime();
    HttpResponse<String> r = get(token, id, "respond-async, wait=1");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asString()).isEqualTo("PENDING");
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("wait=1");
    assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
  }

  @Test
  void waitAboveThirtySecondsIsCappedAndACompletedReceiptIsAnsweredAtOnce() throws Exception {
    String id = accepted();
    completeLikeTheWorker(id);
    HttpResponse<String> r = get(token, id, "wait=600");
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("wait=30");
    assertThat(json(r).get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void anUnacceptableMediaTypeIs406Problem() {
    String id = accepted();
    HttpResponse<String> r =
        send(
            request("/v1/receipts/" + id)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/xml")
                .GET()
                .build());
    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).get("status").asInt()).isEqualTo(406);
  }

  private String accepted() {
    String id = uniqueRequestId();
    assertThat(create(token, TestCprs.next(), id, validCreateBody()).statusCode()).isEqualTo(202);
    return id;
  }

  private HttpResponse<String> get(String token, String id, String prefer) {
    var b = request("/v1/receipts/" + id).header("Authorization", "Bearer " + token);
    if (prefer != null) {
      b.header("Prefer", prefer);
    }
    return send(b.GET().build());
  }

  /** What the worker does: complete the row and NOTIFY in the same transaction. */
  private void completeLikeTheWorker(String id) throws Exception {
    try (Connection c = TestServices.get().openConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "update request set status = 'COMPLETED', completed_at = now(),"
                  + " result = jsonb_build_object('ServiceReceipt',"
                  + "   jsonb_build_object('EventDate', now(), 'MessageIdentifier', ?::text)),"
                  + " warnings = '[{\"code\":9345,\"text\":\"t\",\"description\":\"d\"}]'"
                  + " where client_id = ? and request_id = ?")) {
        ps.setString(1, id);
        ps.setString(2, client);
        ps.setString(3, id);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement ps = c.prepareStatement("select pg_notify('receipt_completed', ?)")) {
        ps.setString(1, client + ":" + id);
        ps.execute();
      }
      c.commit();
    }
  }
}
