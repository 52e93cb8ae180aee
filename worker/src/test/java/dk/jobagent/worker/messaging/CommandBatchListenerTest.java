package dk.jobagent.worker.messaging;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.FaultInjection.FlakyRuleDataLoader;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Commands consumed in batches: many at once, and a batch that has to be redone one by one. */
class CommandBatchListenerTest extends WorkerIntegrationTest {

  @Autowired CommandListener listener;
  @Autowired FlakyRuleDataLoader flaky;
  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;

  CommandTestSupport t;
  String client;
  String occupation;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    client = newClientId();
    occupation = t.occupation("Aktiv");
  }

  @Test
  void aBurstOfCommandsEndsInOneReceiptAndOneEnrolmentEach() {
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requestIds.add(
          t.submit(
              client,
              Operation.CREATE,
              t.person(newCpr()),
              createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID())))));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("select count(*) from request where client_id = :c and status = 'COMPLETED'")
                    == 200);
    assertThat(count("select count(*) from enrolment where created_by_client = :c")).isEqualTo(200);
    assertThat(
            count(
                "select count(distinct created_request_id) from enrolment where created_by_client"
                    + " = :c"))
        .isEqualTo(200);
  }

  @Test
  void aBatchThatRollsBackIsRedoneOneByOneAndEveryCommandIsAckedOnce() {
    List<Message> messages = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    String broken = null;
    for (int i = 0; i < 5; i++) {
      String cpr = t.person(newCpr());
      broken = cpr;
      Instant now = Instant.now();
      String requestId =
          t.request(
              client,
              Operation.CREATE,
              cpr,
              createBody(now, List.of(profession(occupation, UUID.randomUUID()))),
              now);
      requestIds.add(requestId);
      messages.add(message(new EnrolmentCommand(client, requestId, Operation.CREATE, now), i + 1));
    }
    // the batch's read fails once; the one-by-one redo of that citizen then succeeds
    flaky.failNext(broken, 1, () -> new IllegalStateException("test: a glitch in the batch"));
    List<Long> acked = new CopyOnWriteArrayList<>();

    listener.onCommands(messages, recordingChannel(acked));

    assertThat(acked).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    for (String requestId : requestIds) {
      assertThat(t.receipt(client, requestId).status()).isEqualTo("COMPLETED");
    }
    assertThat(flaky.calls(broken)).as("the batch's read, then its own").isEqualTo(2);
  }

  private Message message(EnrolmentCommand command, long deliveryTag) {
    MessageProperties props = new MessageProperties();
    props.setDeliveryTag(deliveryTag);
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    return new Message(json.writeValueAsBytes(command), props);
  }

  /** A channel that records acks and refuses anything else (no retry, no dead letter expected). */
  private static Channel recordingChannel(List<Long> acked) {
    return (Channel)
        Proxy.newProxyInstance(
            Channel.class.getClassLoader(),
            new Class<?>[] {Channel.class},
            (proxy, method, args) -> {
              if (method.getName().equals("basicAck")) {
                acked.add((Long) args[0]);
                return null;
              }
              throw new AssertionError("unexpected channel call: " + method.getName());
            });
  }

  private long count(String sql) {
    return jdbc.sql(sql).param("c", client).query(Long.class).single();
  }
}
