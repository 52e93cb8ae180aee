package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DedupeTest extends IngestTestBase {

  private final String client = uniqueClient();
  private final String token = writer(client);

  @Test
  void plainRepeatIs412LinkingTheFirstReceipt() {
    String cpr = TestCprs.next();
    String id = uniqueRequestId();
    String body = validCreateBody();
    assertThat(create(token, cpr, id, body).statusCode()).isEqualTo(202);

    HttpResponse<String> again = create(token, cpr, id, body);
    assertThat(again.statusCode()).isEqualTo(412);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = json(again);
    assertThat(p.get("type").asString()).endsWith("/duplicate-request");
    assertThat(p.get("receipt").asString()).isEqualTo("/v1/receipts/" + id);
    assertThat(outboxRowsFor(id)).isLessThanOrEqualTo(1);
    assertThat(requestRows(id)).isEqualTo(1);
  }

  @Test
  void repeatWithAnotherBodyOrCitizenIsRequestIdReused() {
    String cpr = TestCprs.next();
    String id = uniqueRequestId();
    assertThat(create(token, cpr, id, validCreateBody()).statusCode()).isEqualTo(202);

    HttpResponse<String> otherBody = create(token, cpr, id, validCreateBody());
    assertThat(otherBody.statusCode()).isEqualTo(412);
    assertThat(json(otherBody).get("type").asString()).endsWith("/request-id-reused");
    assertThat(json(otherBody).get("receipt").asString()).isEqualTo("/v1/receipts/" + id);

    HttpResponse<String> otherOperation = write("DELETE", "/v1/Jobagent", token, cpr, id, null);
    assertThat(otherOperation.statusCode()).isEqualTo(412);
    assertThat(json(otherOperation).get("type").asString()).endsWith("/request-id-reused");
  }

  @Test
  void theSameIdFromAnotherClientIsItsOwnRequest() {
    String id = uniqueRequestId();
    String body = validCreateBody();
    String cpr = TestCprs.next();
    assertThat(create(token, cpr, id, body).statusCode()).isEqualTo(202);
    assertThat(create(writer(uniqueClient()), cpr, id, body).statusCode()).isEqualTo(202);
  }

  @Test
  void concurrentPairsGetExactlyOneAcceptEach() throws Exception {
    int pairs = 200;
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    Semaphore inFlight = new Semaphore(64);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < pairs; i++) {
        String id = uniqueRequestId();
        String cpr = TestCprs.next();
        String body = validCreateBody();
        ids.add(id);
        for (int twin = 0; twin < 2; twin++) {
          // at most 64 at once: beyond jobagent.ingest.max-in-flight a write is refused with 429,
          // which is the admission control's job, not what this test is about
          calls.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    inFlight.acquireUninterruptibly();
                    try {
                      return create(token, cpr, id, body).statusCode();
                    } finally {
                      inFlight.release();
                    }
                  },
                  pool));
        }
      }
      for (int i = 0; i < pairs; i++) {
        int a = calls.get(2 * i).get();
        int b = calls.get(2 * i + 1).get();
        assertThat(List.of(a, b)).as(ids.get(i)).containsExactlyInAnyOrder(202, 412);
      }
    }
    assertThat(
            jdbc.sql("select count(*) from request where client_id = ?")
                .param(client)
                .query(Long.class)
                .single())
        .isEqualTo(pairs);
  }

  private long requestRows(String id) {
    return jdbc.sql("select count(*) from request where client_id = ? and request_id = ?")
        .params(client, id)
        .query(Long.class)
        .single();
  }

  private long outboxRowsFor(String id) {
    return jdbc.sql("select count(*) from outbox where message_id = ?")
        .param(client + ":" + id)
        .query(Long.class)
        .single();
  }
}
