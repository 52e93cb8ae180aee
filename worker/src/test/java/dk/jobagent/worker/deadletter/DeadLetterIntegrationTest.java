package dk.jobagent.worker.deadletter;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.FaultInjection.FlakyRuleDataLoader;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.deadletter.StoredDeadLetters.Stored;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters end to end on the real broker and database: the DLQ is copied into {@code
 * dead_letter}, listed and re-driven over the admin endpoints with the real security chain.
 */
class DeadLetterIntegrationTest extends WorkerIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired WebApplicationContext context;
  @Autowired FlakyRuleDataLoader flaky;
  @Autowired MeterRegistry meters;
  @Autowired DeadLetterRepository deadLetters;
  @Autowired RedriveOutbox redriveOutbox;
  @Autowired RedrivePublisher redrivePublisher;
  @Autowired TransactionTemplate tx;

  CommandTestSupport t;
  MockMvc mvc;
  String client;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    client = newClientId();
  }

  private static String bearer(String scopes) {
    return "Bearer " + DevTokens.mint("dlq-test", scopes, "STAR");
  }

  private static final String ADMIN = bearer(DevTokens.SCOPE_ADMIN);

  @Test
  void aPoisonMessageIsStoredWithItsReasonAndListed() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    t.publishRaw(
        Operation.CREATE.routingKey(),
        ("{not json " + marker + " cpr 0101801234").getBytes(StandardCharsets.UTF_8));

    Stored stored = StoredDeadLetters.await(jdbc, marker);
    assertThat(stored.reason()).startsWith("unparseable command");
    assertThat(stored.reason()).doesNotContain("0101801234");
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.routingKey()).isEqualTo(Operation.CREATE.routingKey());
    assertThat(stored.redriven()).isFalse();

    JsonNode list = json.readTree(adminGet("/admin/dlq"));
    assertThat(list.get("waiting").asLong()).isPositive();
    JsonNode entry = entry(list, stored.id());
    assertThat(entry.get("messageId").asString()).isEqualTo(stored.messageId());
    assertThat(entry.get("reason").asString()).startsWith("unparseable command");
    assertThat(entry.get("attempts").asInt()).isEqualTo(1);
    assertThat(entry.get("storedAt").asString()).isNotBlank();
    assertThat(entry.has("redrivenAt")).isFalse();
    assertThat(entry.get("payloadPreview").asString())
        .contains(marker)
        .contains("010180****")
        .doesNotContain("0101801234");
  }

  @Test
  void theListIsNewestFirstAndNamesTheRequestOfACommand() throws Exception {
    // one after the other: the command listeners run in parallel and could swap two at once
    String older = deadCommandWithoutRequest();
    Stored olderRow = StoredDeadLetters.await(jdbc, older);
    String newer = deadCommandWithoutRequest();
    Stored newerRow = StoredDeadLetters.await(jdbc, newer);

    JsonNode list = json.readTree(adminGet("/admin/dlq"));
    List<String> ids =
        list.get("deadLetters").valueStream().map(n -> n.get("id").asString()).toList();
    assertThat(ids.indexOf(newerRow.id())).isLessThan(ids.indexOf(olderRow.id()));
    JsonNode entry = entry(list, newerRow.id());
    assertThat(entry.get("requestId").asString()).isEqualTo(newer);
    assertThat(entry.get("clientId").asString()).isEqualTo(client);
    assertThat(entry.get("reason").asString())
        .isEqualTo("no request row for " + client + "/" + newer);
    assertThat(entry.has("receiptStatus")).as("no request row yet").isFalse();
  }

  @Test
  void aRedeliveredDeadLetterIsStoredOnce() {
    String messageId = "dup-" + UUID.randomUUID();
    byte[] body = ("{\"marker\":\"" + messageId + "\"}").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      MessageProperties props = new MessageProperties();
      props.setMessageId(messageId);
      props.setHeader(Topology.HEADER_DEAD_LETTER_REASON, "test: dead on arrival");
      props.setHeader(Topology.HEADER_ATTEMPT, 2);
      rabbit.send(Topology.DEAD_LETTER_EXCHANGE, "", new Message(body, props));
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> queueDepth(Topology.DEAD_LETTER_QUEUE) == 0 && rows(messageId) > 0);
    assertThat(rows(messageId)).isEqualTo(1);
    Stored stored = StoredDeadLetters.await(jdbc, messageId);
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(stored.reason()).isEqualTo("test: dead on arrival");
  }

  @Test
  void
      redrivingACommandWhoseRequestIsStillPendingGivesExactlyOneReceiptAndASecondRedriveDoesNothing()
          throws Exception {
    String replies = t.bindReplyQueue(client);
    String requestId = deadCommandWithoutRequest(Operation.CREATE);
    Stored stored = StoredDeadLetters.await(jdbc, requestId);
    // the request row turns up after its command died (e.g. restored from a backup)
    String cpr = t.person(newCpr());
    String occupation = t.occupation("Aktiv");
    insertRequest(
        requestId,
        cpr,
        createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));
    assertThat(t.receipt(client, requestId).status()).isEqualTo("PENDING");

    JsonNode first = redrive(Map.of("ids", List.of(stored.id())));
    assertThat(first.get("redriven").asInt()).isEqualTo(1);
    assertThat(first.get("ids").valueStream().map(JsonNode::asString)).containsExactly(stored.id());
    assertThat(first.get("alreadyFinal").isEmpty()).isTrue();

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");
    assertThat(StoredDeadLetters.find(jdbc, requestId).redriven()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> redriveRowsInOutbox(stored.id()) == 0);
    String completedAt = completedAt(requestId);

    JsonNode second = redrive(Map.of("ids", List.of(stored.id())));
    assertThat(second.get("redriven").asInt()).isZero();
    assertThat(second.get("ids").isEmpty()).isTrue();
    assertThat(second.get("alreadyRedriven").valueStream().map(JsonNode::asString))
        .containsExactly(stored.id());
    assertThat(redriveRowsInOutbox(stored.id())).isZero();

    List<Message> received = t.drain(replies, Duration.ofSeconds(3));
    assertThat(received).hasSize(1);
    assertThat(t.tree(received.getFirst().getBody()).get("status").asString())
        .isEqualTo("COMPLETED");
    assertThat(completedAt(requestId)).isEqualTo(completedAt);
    assertThat(
            jdbc.sql("select count(*) from enrolment where cpr = :cpr")
                .param("cpr", cpr)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void redrivingACommandWhoseReceiptIsAlreadyFailedChangesNothingAndSaysSo() throws Exception {
    String replies = t.bindReplyQueue(client);
    String cpr = t.person(newCpr());
    flaky.failNext(cpr, 100, () -> new IllegalStateException("test: a bug"));
    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(
                Instant.now(), List.of(profession(t.occupation("Aktiv"), UUID.randomUUID()))));
    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("FAILED");
    Stored stored = StoredDeadLetters.await(jdbc, requestId);
    assertThat(stored.reason()).startsWith("not retryable").contains("test: a bug");
    flaky.failNext(cpr, 0, () -> new IllegalStateException("unused"));
    JsonNode listed = entry(json.readTree(adminGet("/admin/dlq")), stored.id());
    assertThat(listed.get("receiptStatus").asString()).isEqualTo("FAILED");
    assertThat(listed.get("requestId").asString()).isEqualTo(requestId);

    JsonNode result = redrive(Map.of("ids", List.of(stored.id())));
    assertThat(result.get("redriven").asInt()).isEqualTo(1);
    assertThat(result.get("alreadyFinal").valueStream().map(JsonNode::asString))
        .containsExactly(stored.id());

    // the re-driven command is consumed without an effect: no second receipt, no second reply
    await().atMost(Duration.ofSeconds(10)).until(() -> redriveRowsInOutbox(stored.id()) == 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> queueDepth(Topology.COMMAND_QUEUE) == 0);
    assertThat(t.drain(replies, Duration.ofSeconds(2))).hasSize(1);
    assertThat(t.receipt(client, requestId).status()).isEqualTo("FAILED");
    assertThat(flaky.calls(cpr)).isEqualTo(1);
  }

  @Test
  void aRedriveCommittedButNeverPublishedIsPublishedByTheSweep() {
    String requestId = deadCommandWithoutRequest(Operation.CREATE);
    Stored stored = StoredDeadLetters.await(jdbc, requestId);
    String cpr = t.person(newCpr());
    insertRequest(
        requestId,
        cpr,
        createBody(Instant.now(), List.of(profession(t.occupation("Aktiv"), UUID.randomUUID()))));
    // the re-drive's transaction commits, then the worker dies before it publishes
    tx.executeWithoutResult(
        status -> {
          DeadLetterRepository.Row row = deadLetters.lockWaiting(List.of(stored.id())).getFirst();
          redriveOutbox.insert(
              row.originalRoutingKey(),
              row.messageId(),
              row.payload(),
              "{\"x-jobagent-attempt\":1,\"x-jobagent-dead-letter-id\":\"" + row.id() + "\"}");
          deadLetters.markRedriven(row.id());
        });
    assertThat(redriveRowsInOutbox(stored.id())).isEqualTo(1);
    assertThat(t.receipt(client, requestId).status()).isEqualTo("PENDING");

    redrivePublisher.sweep();

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");
    assertThat(redriveRowsInOutbox(stored.id())).isZero();
  }

  @Test
  void aRedrivenCommandThatDiesAgainReopensItsRow() throws Exception {
    String requestId = deadCommandWithoutRequest();
    Stored stored = StoredDeadLetters.await(jdbc, requestId);

    redrive(Map.of("ids", List.of(stored.id().substring("dl-".length()))));

    // still no request row: it dies again and waits again under the same id
    Stored again =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> StoredDeadLetters.find(jdbc, requestId),
                s -> s.redriveCount() == 1 && !s.redriven());
    assertThat(again.id()).isEqualTo(stored.id());
    assertThat(rows(stored.messageId())).isEqualTo(1);
  }

  @Test
  void anUnknownIdIs404AndRedrivesNothing() throws Exception {
    String requestId = deadCommandWithoutRequest();
    Stored stored = StoredDeadLetters.await(jdbc, requestId);

    mvc.perform(
            post("/admin/dlq/redrive")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"ids\":[\"" + stored.id() + "\",\"dl-999999999\"]}"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.unknownIds[0]").value("dl-999999999"))
        .andExpect(jsonPath("$.errors[0].id").value("dl-999999999"));

    assertThat(StoredDeadLetters.find(jdbc, requestId).redriven()).isFalse();
    assertThat(redriveRowsInOutbox(stored.id())).isZero();
  }

  @Test
  void aRedriveBodyThatIsNeitherAllNorIdsIs400() throws Exception {
    for (String body : List.of("{}", "{\"all\":true,\"ids\":[\"dl-1\"]}", "{\"ids\":[]}", "nope")) {
      mvc.perform(
              post("/admin/dlq/redrive")
                  .header("Authorization", ADMIN)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
  }

  @Test
  void withoutTheAdminScopeTheEndpointsAre403AndWithoutATokenAre401() throws Exception {
    String requestId = deadCommandWithoutRequest();
    Stored stored = StoredDeadLetters.await(jdbc, requestId);
    String reader = bearer(DevTokens.SCOPE_READ + " " + DevTokens.SCOPE_WRITE);

    mvc.perform(get("/admin/dlq").header("Authorization", reader))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            post("/admin/dlq/redrive")
                .header("Authorization", reader)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"all\":true}"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/dlq")).andExpect(status().isUnauthorized());
    assertThat(StoredDeadLetters.find(jdbc, requestId).redriven()).isFalse();
    assertThat(stored.redriven()).isFalse();
  }

  @Test
  void theGaugeCountsDeadLettersNotRedriven() throws Exception {
    String requestId = deadCommandWithoutRequest();
    StoredDeadLetters.await(jdbc, requestId);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(meters.get("jobagent.dead.letters").gauge().value())
                    .isEqualTo((double) waitingRows()));
    assertThat(meters.get("jobagent.dead.letters").gauge().value()).isPositive();
    String scrape =
        mvc.perform(get("/actuator/prometheus"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(scrape).contains("jobagent_dead_letters ");
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Publishes a command for a request row that does not exist; returns its requestId. */
  private String deadCommandWithoutRequest() {
    return deadCommandWithoutRequest(Operation.DELETE);
  }

  private String deadCommandWithoutRequest(Operation operation) {
    String requestId = "dlq-" + UUID.randomUUID();
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setMessageId(client + ":" + requestId);
    rabbit.send(
        Topology.COMMAND_EXCHANGE,
        operation.routingKey(),
        new Message(
            json.writeValueAsBytes(
                new EnrolmentCommand(client, requestId, operation, Instant.now())),
            props));
    return requestId;
  }

  private void insertRequest(String requestId, String cpr, Map<String, Object> body) {
    jdbc.sql(
            """
            insert into request (client_id, request_id, operation, cpr, access_category, body_hash,
                                 body, received_at)
            values (:client, :request, 'CREATE', :cpr, 'STAR', :hash, cast(:body as jsonb),
                    :receivedAt)
            """)
        .param("client", client)
        .param("request", requestId)
        .param("cpr", cpr)
        .param("hash", requestId.getBytes(StandardCharsets.UTF_8))
        .param("body", json.writeValueAsString(body))
        .param("receivedAt", Timestamp.from(Instant.now()))
        .update();
  }

  private String adminGet(String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private JsonNode redrive(Map<String, ?> body) throws Exception {
    ResultActions result =
        mvc.perform(
            post("/admin/dlq/redrive")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    return json.readTree(
        result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  private static JsonNode entry(JsonNode list, String id) {
    return list.get("deadLetters")
        .valueStream()
        .filter(n -> id.equals(n.get("id").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not listed: " + list));
  }

  private long rows(String messageId) {
    return jdbc.sql("select count(*) from dead_letter where message_id = :m")
        .param("m", messageId)
        .query(Long.class)
        .single();
  }

  private long waitingRows() {
    return jdbc.sql("select count(*) from dead_letter where redriven_at is null")
        .query(Long.class)
        .single();
  }

  private long redriveRowsInOutbox(String deadLetterId) {
    return jdbc.sql(
            "select count(*) from outbox where headers ->> 'x-jobagent-dead-letter-id' = :id")
        .param("id", deadLetterId)
        .query(Long.class)
        .single();
  }

  private long queueDepth(String queue) {
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
