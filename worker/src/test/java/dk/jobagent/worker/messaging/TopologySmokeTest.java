package dk.jobagent.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.testing.TestServices;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker context starts with the migrations applied and declares its RabbitMQ topology: asked
 * of the broker itself (management API), not of the application's own declarables.
 */
class TopologySmokeTest extends WorkerIntegrationTest {

  @Autowired JdbcClient jdbc;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theMigrationsAreApplied() {
    List<String> versions =
        jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
            .query(String.class)
            .list();
    assertThat(versions).contains("1", "100", "250", "300", "400");
  }

  @Test
  void theCommandQueuesAreDurableQuorumQueuesWithTheirDeadLetterExchange() throws Exception {
    for (String queue :
        List.of(
            Topology.COMMAND_QUEUE, Topology.BOOKING_COMMAND_QUEUE, Topology.DEAD_LETTER_QUEUE)) {
      JsonNode q = get("/api/queues/%s/" + enc(queue));
      assertThat(q.path("durable").asBoolean()).as(queue).isTrue();
      assertThat(q.path("type").asString()).as(queue).isEqualTo("quorum");
    }
    assertThat(
            get("/api/queues/%s/" + enc(Topology.COMMAND_QUEUE))
                .path("arguments")
                .path("x-dead-letter-exchange")
                .asString())
        .isEqualTo(Topology.DEAD_LETTER_EXCHANGE);
  }

  @Test
  void theExchangesExistWithTheirTypes() throws Exception {
    Map<String, String> expected =
        Map.of(
            Topology.COMMAND_EXCHANGE, "direct",
            Topology.DEAD_LETTER_EXCHANGE, "fanout",
            Topology.RECEIPT_EXCHANGE, "topic");
    for (var e : expected.entrySet()) {
      JsonNode x = get("/api/exchanges/%s/" + enc(e.getKey()));
      assertThat(x.path("type").asString()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(x.path("durable").asBoolean()).as(e.getKey()).isTrue();
    }
  }

  @Test
  void updatesAreRoutedToTheBookingQueueAndTheRestToTheCommandQueue() throws Exception {
    JsonNode bindings =
        get("/api/exchanges/%s/" + enc(Topology.COMMAND_EXCHANGE) + "/bindings/source");
    Map<String, String> destinationByKey = new java.util.HashMap<>();
    bindings.forEach(
        b ->
            destinationByKey.put(
                b.path("routing_key").asString(), b.path("destination").asString()));
    assertThat(destinationByKey)
        .containsEntry("enrolment.create", Topology.COMMAND_QUEUE)
        .containsEntry("enrolment.delete", Topology.COMMAND_QUEUE)
        .containsEntry("enrolment.update", Topology.BOOKING_COMMAND_QUEUE);
  }

  /** GET on the management API; {@code %s} in the path is this run's vhost. */
  private JsonNode get(String pathTemplate) throws Exception {
    TestServices s = TestServices.get();
    String port = System.getProperty("jobagent.test.rabbitmq.management-port", "15672");
    URI uri =
        URI.create(
            "http://" + s.rabbitHost() + ":" + port + pathTemplate.formatted(enc(s.vhost())));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (s.rabbitUser() + ":" + s.rabbitPassword()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(uri).header("Authorization", "Basic " + auth).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
