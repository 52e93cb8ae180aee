package dk.jobagent.worker;

import static org.awaitility.Awaitility.await;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays ingest-api for the worker's tests: writes request rows and reference rows, publishes
 * commands straight to {@code jobagent.commands}, and reads receipts and replies back. Every CPR,
 * client id and request id it makes is new, so tests never see each other's data.
 */
public final class CommandTestSupport {

  // 7th digit 1..3 with year 80: born in 1980 (the CPR century rule); day and month always valid
  private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

  private final JdbcClient jdbc;
  private final RabbitTemplate rabbit;
  private final AmqpAdmin admin;
  private final JsonMapper json;

  public CommandTestSupport(
      JdbcClient jdbc, RabbitTemplate rabbit, AmqpAdmin admin, JsonMapper json) {
    this.jdbc = jdbc;
    this.rabbit = rabbit;
    this.admin = admin;
    this.json = json;
  }

  /** A new synthetic CPR of someone born in 1980 (not in the person register yet). */
  public static String newCpr() {
    int n = SEQUENCE.getAndIncrement();
    if (n > 3999) {
      throw new IllegalStateException("test CPR sequence exhausted");
    }
    return "%02d%02d80%04d".formatted(1 + n % 28, 1 + (n / 28) % 12, n);
  }

  public static String newClientId() {
    return "test-client-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers a living person at home, with an e-mail and a Jobnet CV. */
  public String person(String cpr) {
    return person(cpr, null, "citizen@example.dk");
  }

  public String person(String cpr, LocalDate deathDate, String email) {
    jdbc.sql(
            """
            insert into person (cpr, death_date, abroad, temporary_foreign_address, has_jobnet_cv,
                                email, jobcenter_code)
            values (:cpr, :death, false, false, true, :email, '101')
            """)
        .param("cpr", cpr)
        .param(
            "death",
            deathDate == null ? null : java.sql.Date.valueOf(deathDate),
            java.sql.Types.DATE)
        .param("email", email, java.sql.Types.VARCHAR)
        .update();
    return cpr;
  }

  /** A new occupation concept with the given status; returns its URI. */
  public String occupation(String status) {
    String uri = "http://data.europa.eu/esco/occupation/test-" + UUID.randomUUID();
    jdbc.sql(
            "insert into occupation (concept_uri, label, status) values (:uri, 'Test job', :status)")
        .param("uri", uri)
        .param("status", status)
        .update();
    return uri;
  }

  /** An open enrolment, as if created earlier. */
  public long openEnrolment(String cpr, LocalDate start) {
    return jdbc.sql(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   created_by_client, created_request_id)
            values (:cpr, 'DAGPENGE', 'FULDT_LEDIG', :start, 'earlier-client', 'earlier-request')
            returning id
            """)
        .param("cpr", cpr)
        .param("start", java.sql.Date.valueOf(start))
        .query(Long.class)
        .single();
  }

  public static Map<String, Object> profession(String conceptUri, UUID jobTargetId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ConceptUriDa", conceptUri);
    p.put("HasEducation", true);
    p.put("YearLastUsed", 2024);
    p.put("MonthsOfExperience", 12);
    p.put("jobTargetIdentifier", jobTargetId.toString());
    return p;
  }

  /** A valid CreateJobagent body for today: DAGPENGE, FULDT_LEDIG, the given professions. */
  public static Map<String, Object> createBody(
      Instant receivedAt, List<Map<String, Object>> professions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ClientCategoryTypeIdentifier", "DAGPENGE");
    body.put("EnrollmentDate", CopenhagenDates.dateOf(receivedAt).toString());
    body.put("CurrentUnemploymentStatusTypeIdentifier", "FULDT_LEDIG");
    body.put("EmailAddressIdentifier", "caller@example.dk");
    body.put("Profession", new ArrayList<>(professions));
    return body;
  }

  /** Inserts the request row as ingest-api does (status PENDING). Body null for a delete. */
  public String request(
      String clientId,
      Operation operation,
      String cpr,
      Map<String, Object> body,
      Instant receivedAt) {
    String requestId = "req-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into request (client_id, request_id, operation, cpr, access_category, body_hash,
                                 body, received_at)
            values (:client, :request, :operation, :cpr, 'STAR', :hash, cast(:body as jsonb),
                    :receivedAt)
            """)
        .param("client", clientId)
        .param("request", requestId)
        .param("operation", operation.name())
        .param("cpr", cpr)
        .param("hash", requestId.getBytes(StandardCharsets.UTF_8))
        .param("body", body == null ? null : json.writeValueAsString(body), java.sql.Types.VARCHAR)
        .param("receivedAt", Timestamp.from(receivedAt))
        .update();
    return requestId;
  }

  /** Publishes the command for a request row, as ingest-api's relay does. */
  public void publish(String clientId, String requestId, Operation operation, Instant receivedAt) {
    publishRaw(
        operation.routingKey(),
        json.writeValueAsBytes(new EnrolmentCommand(clientId, requestId, operation, receivedAt)));
  }

  public void publishRaw(String routingKey, byte[] body) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setMessageId(UUID.randomUUID().toString());
    rabbit.send(Topology.COMMAND_EXCHANGE, routingKey, new Message(body, props));
  }

  /** Request row + command in one go; returns the requestId. */
  public String submit(String clientId, Operation operation, String cpr, Map<String, Object> body) {
    Instant receivedAt = Instant.now();
    String requestId = request(clientId, operation, cpr, body, receivedAt);
    publish(clientId, requestId, operation, receivedAt);
    return requestId;
  }

  /** The receipt columns once the worker made the request final. */
  public record ReceiptRow(String status, JsonNode result, JsonNode errors, JsonNode warnings) {
    public List<Integer> errorCodes() {
      return codes(errors);
    }

    public List<Integer> warningCodes() {
      return codes(warnings);
    }

    private static List<Integer> codes(JsonNode node) {
      List<Integer> codes = new ArrayList<>();
      if (node != null) {
        node.forEach(e -> codes.add(e.get("code").asInt()));
      }
      return codes;
    }
  }

  public ReceiptRow awaitFinal(String clientId, String requestId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> receipt(clientId, requestId), r -> r != null && !"PENDING".equals(r.status()));
  }

  public ReceiptRow receipt(String clientId, String requestId) {
    return jdbc.sql(
            """
            select status, result::text as result, errors::text as errors,
                   warnings::text as warnings
              from request where client_id = :client and request_id = :request
            """)
        .param("client", clientId)
        .param("request", requestId)
        .query(
            (rs, n) ->
                new ReceiptRow(
                    rs.getString("status"),
                    tree(rs.getString("result")),
                    tree(rs.getString("errors")),
                    tree(rs.getString("warnings"))))
        .optional()
        .orElse(null);
  }

  /** A caller's reply queue: bound to {@code jobagent.receipts} with {@code receipt.<clientId>}. */
  public String bindReplyQueue(String clientId) {
    // not AnonymousQueue (it asks for x-queue-leader-locator, which RabbitMQ 3.10 refuses on a
    // classic queue) and not auto-delete (each receive() consumes and cancels): it expires instead
    Queue queue =
        new Queue(
            "test-replies-" + UUID.randomUUID(), false, false, false, Map.of("x-expires", 120_000));
    admin.declareQueue(queue);
    admin.declareBinding(
        new Binding(
            queue.getName(),
            Binding.DestinationType.QUEUE,
            Topology.RECEIPT_EXCHANGE,
            Topology.receiptRoutingKey(clientId),
            null));
    return queue.getName();
  }

  /** Every message that arrives on the queue within the wait (the wait restarts per message). */
  public List<Message> drain(String queue, Duration wait) {
    List<Message> messages = new ArrayList<>();
    Message m;
    while ((m = rabbit.receive(queue, wait.toMillis())) != null) {
      messages.add(m);
    }
    return messages;
  }

  public JsonNode tree(byte[] body) {
    return json.readTree(body);
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }
}
