package dk.jobagent.worker.messaging;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.CommandTestSupport.ReceiptRow;
import dk.jobagent.worker.FaultInjection.FlakyRuleDataLoader;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.deadletter.StoredDeadLetters;
import dk.jobagent.worker.deadletter.StoredDeadLetters.Stored;
import dk.jobagent.worker.enrolment.PersonRegisterUnavailableException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Redelivery, poison messages, transient failures and the dead-letter queue. */
class CommandFailureHandlingTest extends WorkerIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired FlakyRuleDataLoader flaky;
  @Autowired CommandMessagingProperties properties;

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
  void theSameCommandDeliveredTwiceHasOneEffectOneReceiptAndOneReply() {
    String replies = t.bindReplyQueue(client);
    String cpr = t.person(newCpr());
    Instant now = Instant.now();
    String requestId =
        t.request(
            client,
            Operation.CREATE,
            cpr,
            createBody(now, List.of(profession(occupation, UUID.randomUUID()))),
            now);

    t.publish(client, requestId, Operation.CREATE, now);
    ReceiptRow first = t.awaitFinal(client, requestId);
    String completedAt = completedAt(requestId);
    t.publish(client, requestId, Operation.CREATE, now);
    t.publish(client, requestId, Operation.CREATE, now);

    // all deliveries are consumed: the duplicates were acked without an effect
    await().atMost(Duration.ofSeconds(10)).until(() -> messageCount(Topology.COMMAND_QUEUE) == 0);
    List<Message> messages = t.drain(replies, Duration.ofSeconds(3));
    assertThat(messages).hasSize(1);
    assertThat(first.status()).isEqualTo("COMPLETED");
    assertThat(t.receipt(client, requestId).result()).isEqualTo(first.result());
    assertThat(completedAt(requestId)).isEqualTo(completedAt);
    assertThat(
            jdbc.sql("select count(*) from enrolment where cpr = :cpr")
                .param("cpr", cpr)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(flaky.calls(cpr)).as("duplicates stop before the rules").isEqualTo(1);
  }

  @Test
  void aPoisonMessageIsDeadLetteredWithItsReasonAndTheNextMessageStillCompletes() {
    String marker = "poison-" + UUID.randomUUID();
    t.publishRaw(
        Operation.CREATE.routingKey(), ("{not json " + marker).getBytes(StandardCharsets.UTF_8));
    String cpr = t.person(newCpr());
    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");
    Stored dead = awaitDeadLetter(marker);
    assertThat(dead.reason()).startsWith("unparseable command");
    assertThat(dead.attempts()).isEqualTo(1);
  }

  @Test
  void aCommandWithoutARequestRowIsDeadLettered() {
    String requestId = "missing-" + UUID.randomUUID();
    t.publish(client, requestId, Operation.DELETE, Instant.now());

    Stored dead = awaitDeadLetter(requestId);
    assertThat(dead.reason()).isEqualTo("no request row for " + client + "/" + requestId);
  }

  @Test
  void aTransientFailureIsRetriedWithBackOffAndThenCompletes() {
    String cpr = t.person(newCpr());
    flaky.failNext(
        cpr,
        properties.maxAttempts() - 1,
        () ->
            new CannotGetJdbcConnectionException(
                "test: no connection", new SQLTransientConnectionException("x")));

    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    ReceiptRow receipt = t.awaitFinal(client, requestId);
    assertThat(receipt.status()).isEqualTo("COMPLETED");
    assertThat(flaky.calls(cpr)).isEqualTo(properties.maxAttempts());
  }

  @Test
  void aPersonRegisterOutageBeyondTheLastAttemptFailsWith8111AndDeadLetters() {
    String replies = t.bindReplyQueue(client);
    String cpr = t.person(newCpr());
    flaky.failNext(cpr, 100, () -> new PersonRegisterUnavailableException("test: register down"));

    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    ReceiptRow receipt = t.awaitFinal(client, requestId);
    assertThat(receipt.status()).isEqualTo("FAILED");
    assertThat(receipt.errorCodes()).containsExactly(8111);
    assertThat(flaky.calls(cpr)).isEqualTo(properties.maxAttempts());
    Stored dead = awaitDeadLetter(requestId);
    assertThat(dead.reason())
        .contains("gave up after " + properties.maxAttempts() + " attempts")
        .contains("register down");
    assertThat(dead.attempts()).isEqualTo(properties.maxAttempts());
    List<Message> messages = t.drain(replies, Duration.ofSeconds(3));
    assertThat(messages).hasSize(1);
    assertThat(t.tree(messages.getFirst().getBody()).get("status").asString()).isEqualTo("FAILED");
    assertThat(
            jdbc.sql("select count(*) from enrolment where cpr = :cpr")
                .param("cpr", cpr)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aDatabaseOutageBeyondTheLastAttemptFailsWithATechnicalError() {
    String cpr = t.person(newCpr());
    flaky.failNext(cpr, 100, () -> new CannotGetJdbcConnectionException("test: database down"));

    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    ReceiptRow receipt = t.awaitFinal(client, requestId);
    assertThat(receipt.status()).isEqualTo("FAILED");
    assertThat(receipt.errors().get(0).get("text").asString()).isEqualTo("Technical error");
    assertThat(awaitDeadLetter(requestId)).isNotNull();
  }

  @Test
  void aBugIsNotRetriedButFailsAtOnce() {
    String cpr = t.person(newCpr());
    flaky.failNext(cpr, 100, () -> new IllegalStateException("test: a bug"));

    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("FAILED");
    assertThat(flaky.calls(cpr)).isEqualTo(1);
    Stored dead = awaitDeadLetter(requestId);
    assertThat(dead.reason()).startsWith("not retryable");
  }

  /**
   * Waits for the dead-lettered message whose body contains {@code marker}. The worker's
   * dead-letter listener empties {@code jobagent.commands.dlq} into table {@code dead_letter},
   * keeping the reason and attempt headers, so that table is where a test finds it.
   */
  private Stored awaitDeadLetter(String marker) {
    return StoredDeadLetters.await(jdbc, marker);
  }

  private long messageCount(String queue) {
    var info = admin.getQueueInfo(queue);
    return info == null ? -1 : info.getMessageCount();
  }

  private String completedAt(String requestId) {
    return jdbc.sql(
            "select completed_at::text from request where client_id = :c and request_id = :r")
        .param("c", client)
        .param("r", requestId)
        .query(String.class)
        .single();
  }
}
