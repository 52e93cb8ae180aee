package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.jobagent.schemas.messages.Topology;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #7, the HTTP end of the trace: the caller's W3C {@code traceparent} (or the one started
 * here) is answered in the response, stored with the request and carried by the command message to
 * the worker, which copies it onto the receipt reply.
 */
class TraceContextTest extends IngestTestBase {

  private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

  @Autowired ConnectionFactory connectionFactory;
  @Autowired RabbitTemplate rabbit;

  private final String client = uniqueClient();
  private final String token = writer(client);
  private RabbitAdmin admin;
  private Queue probe;

  @BeforeEach
  void bindProbeQueue() {
    admin = new RabbitAdmin(connectionFactory);
    probe = new Queue("ingest-trace-probe-" + UUID.randomUUID(), false, false, false);
    admin.declareQueue(probe);
    admin.declareBinding(
        BindingBuilder.bind(probe)
            .to(new DirectExchange(Topology.COMMAND_EXCHANGE))
            .with("enrolment.create"));
  }

  @AfterEach
  void dropProbeQueue() {
    admin.deleteQueue(probe.getName());
  }

  @Test
  void theCallersTraceparentIsAnsweredStoredAndCarriedByTheCommand() {
    String traceparent = "00-" + hex32() + "-00f067aa0ba902b7-01";
    String id = uniqueRequestId();

    HttpResponse<String> r = create(id, traceparent);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("traceparent")).hasValue(traceparent);
    assertThat(stored(id)).isEqualTo(traceparent);
    assertThat(header(command(id))).isEqualTo(traceparent);
  }

  @Test
  void withoutOneATraceIsStartedAndTheSameValueIsAnsweredStoredAndCarried() {
    String id = uniqueRequestId();

    HttpResponse<String> r = create(id, null);

    assertThat(r.statusCode()).isEqualTo(202);
    String started = r.headers().firstValue("traceparent").orElseThrow();
    assertThat(started).matches(TRACEPARENT);
    assertThat(stored(id)).isEqualTo(started);
    assertThat(header(command(id))).isEqualTo(started);
  }

  @Test
  void aMalformedTraceparentIsReplacedByANewTrace() {
    String id = uniqueRequestId();

    HttpResponse<String> r = create(id, "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");

    String started = r.headers().firstValue("traceparent").orElseThrow();
    assertThat(started).matches(TRACEPARENT).doesNotContain("0".repeat(32));
    assertThat(stored(id)).isEqualTo(started);
  }

  @Test
  void aRefusedCallIsTraceableToo() {
    String traceparent = "00-" + hex32() + "-00f067aa0ba902b7-01";

    HttpResponse<String> r =
        send(
            request("/v1/Jobagent")
                .header("traceparent", traceparent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(validCreateBody()))
                .build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("traceparent")).hasValue(traceparent);
  }

  private HttpResponse<String> create(String requestId, String traceparent) {
    HttpRequest.Builder b =
        request("/v1/Jobagent")
            .header("Authorization", "Bearer " + token)
            .header("x-civilRegistrationIdentifier", TestCprs.next())
            .header("x-requestId", requestId)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(validCreateBody()));
    if (traceparent != null) {
      b.header("traceparent", traceparent);
    }
    return send(b.build());
  }

  private String stored(String requestId) {
    return jdbc.sql("select trace_parent from request where client_id = ? and request_id = ?")
        .params(client, requestId)
        .query(String.class)
        .single();
  }

  private Message command(String requestId) {
    String messageId = client + ":" + requestId;
    AtomicReference<Message> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Message m = rabbit.receive(probe.getName(), 200);
              if (m != null && messageId.equals(m.getMessageProperties().getMessageId())) {
                found.set(m);
              }
              return found.get() != null;
            });
    return found.get();
  }

  private static String header(Message m) {
    return m.getMessageProperties().getHeader(Topology.HEADER_TRACEPARENT);
  }

  private static String hex32() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
