package dk.jobagent.worker.enrolment;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.CommandTestSupport.ReceiptRow;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.booking.BookingSystemStub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Commands published as ingest-api publishes them, judged and applied by the running worker. */
class EnrolmentProcessingTest extends WorkerIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired DataSource dataSource;

  CommandTestSupport t;
  String client;
  String activeOccupation;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    client = newClientId();
    activeOccupation = t.occupation("Aktiv");
  }

  @Test
  void validCreateCompletesEnrolsAndReplies() {
    String replies = t.bindReplyQueue(client);
    String cpr = t.person(newCpr());
    UUID target = UUID.randomUUID();
    Instant now = Instant.now();
    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(now, List.of(profession(activeOccupation, target))));

    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.status()).isEqualTo("COMPLETED");
    assertThat(receipt.errors()).isNull();
    JsonNode serviceReceipt = receipt.result().get("ServiceReceipt");
    assertThat(UUID.fromString(serviceReceipt.get("MessageIdentifier").asString())).isNotNull();
    assertThat(serviceReceipt.get("EventDate").asString()).isNotBlank();
    assertThat(receipt.result().get("NoSelfActivatingCodeNeeded").asBoolean()).isTrue();
    assertThat(receipt.result().get("JobCenterReceipt").asString()).isNotBlank();
    assertThat(receipt.result().has("IndkaldelseId")).isFalse();

    Map<String, Object> enrolment =
        jdbc.sql(
                "select client_category, enrolment_date, end_date, created_request_id from enrolment"
                    + " where cpr = :cpr")
            .param("cpr", cpr)
            .query()
            .singleRow();
    assertThat(enrolment.get("client_category")).isEqualTo("DAGPENGE");
    assertThat(enrolment.get("enrolment_date").toString())
        .isEqualTo(CopenhagenDates.dateOf(now).toString());
    assertThat(enrolment.get("end_date")).isNull();
    assertThat(enrolment.get("created_request_id")).isEqualTo(requestId);
    assertThat(jobWishes(cpr)).containsExactly(target + "|" + activeOccupation + "|false");

    List<Message> messages = t.drain(replies, Duration.ofSeconds(5));
    assertThat(messages).hasSize(1);
    JsonNode reply = t.tree(messages.getFirst().getBody());
    assertThat(reply.get("requestId").asString()).isEqualTo(requestId);
    assertThat(reply.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(reply.get("result").get("ServiceReceipt").get("MessageIdentifier").asString())
        .isEqualTo(serviceReceipt.get("MessageIdentifier").asString());
    assertThat(messages.getFirst().getMessageProperties().getReceivedRoutingKey())
        .isEqualTo("receipt." + client);
    // the reply relay deletes what it published
    assertThat(
            jdbc.sql("select count(*) from outbox where message_id = :id")
                .param("id", requestId)
                .query(Long.class)
                .single())
        .isZero();
  }

  /** One case per major rule outcome: how to set the citizen up, how to bend the body. */
  static Stream<Arguments> ruleOutcomes() {
    return Stream.of(
        Arguments.of("1010 unknown person", setup(null), body(b -> {}), List.of(1010), List.of()),
        Arguments.of(
            "4405 dead",
            setup((t, cpr) -> t.person(cpr, LocalDate.now().minusYears(1), "x@example.dk")),
            body(b -> {}),
            List.of(4405),
            List.of()),
        Arguments.of(
            "4313 unknown category",
            setup((t, cpr) -> t.person(cpr)),
            body(b -> b.put("ClientCategoryTypeIdentifier", "NO_SUCH_CATEGORY")),
            List.of(4313),
            List.of()),
        Arguments.of(
            "4338 enrolment date too old",
            setup((t, cpr) -> t.person(cpr)),
            body(
                b ->
                    b.put(
                        "EnrollmentDate",
                        LocalDate.now(CopenhagenDates.ZONE).minusDays(20).toString())),
            List.of(4338),
            List.of()),
        Arguments.of(
            "4316 already enrolled",
            setup(
                (t, cpr) -> {
                  t.person(cpr);
                  t.openEnrolment(cpr, LocalDate.now(CopenhagenDates.ZONE).minusDays(30));
                }),
            body(b -> {}),
            List.of(4316),
            List.of()),
        Arguments.of(
            "7062 profession required",
            setup((t, cpr) -> t.person(cpr)),
            body(b -> b.put("Profession", List.of())),
            List.of(7062),
            List.of()),
        Arguments.of(
            "4318 unknown occupation",
            setup((t, cpr) -> t.person(cpr)),
            body(
                b ->
                    b.put(
                        "Profession",
                        List.of(
                            profession(
                                "http://data.europa.eu/esco/occupation/nope", UUID.randomUUID())))),
            List.of(4318),
            List.of()),
        Arguments.of(
            "9345 no e-mail anywhere: a warning, still completed",
            setup((t, cpr) -> t.person(cpr, null, null)),
            body(b -> b.remove("EmailAddressIdentifier")),
            List.of(),
            List.of(9345)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleOutcomes")
  void ruleOutcomeReachesTheReceipt(
      String name,
      Setup setup,
      Consumer<Map<String, Object>> bend,
      List<Integer> errors,
      List<Integer> warnings) {
    String cpr = newCpr();
    setup.apply(t, cpr);
    Instant now = Instant.now();
    Map<String, Object> body =
        createBody(now, List.of(profession(activeOccupation, UUID.randomUUID())));
    bend.accept(body);
    long enrolmentsBefore = enrolments(cpr);

    String requestId = t.submit(client, Operation.CREATE, cpr, body);
    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.errorCodes()).as("errors").isEqualTo(errors);
    assertThat(receipt.warningCodes()).as("warnings").isEqualTo(warnings);
    if (errors.isEmpty()) {
      assertThat(receipt.status()).isEqualTo("COMPLETED");
      assertThat(enrolments(cpr)).isEqualTo(enrolmentsBefore + 1);
    } else {
      assertThat(receipt.status()).isEqualTo("REJECTED");
      assertThat(receipt.result()).isNull();
      JsonNode first = receipt.errors().get(0);
      assertThat(first.get("text").asString()).isNotBlank();
      assertThat(first.get("description").asString()).isNotBlank();
      assertThat(enrolments(cpr)).as("a rejection has no effect").isEqualTo(enrolmentsBefore);
    }
    // no caller queue is bound for this client: the reply is still published and its row deleted
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("select count(*) from outbox where message_id = :id")
                    .param("id", requestId)
                    .query(Long.class)
                    .single(),
            n -> n == 0);
  }

  @Test
  void updateChangesJobWishesOfTheOpenEnrolmentAndAddsNewOnes() {
    String cpr = t.person(newCpr());
    UUID kept = UUID.randomUUID();
    UUID added = UUID.randomUUID();
    String otherOccupation = t.occupation("Aktiv");
    Instant now = Instant.now();
    assertThat(
            t.awaitFinal(
                    client,
                    t.submit(
                        client,
                        Operation.CREATE,
                        cpr,
                        createBody(now, List.of(profession(activeOccupation, kept)))))
                .status())
        .isEqualTo("COMPLETED");

    Map<String, Object> update =
        createBody(
            now, List.of(profession(otherOccupation, kept), profession(activeOccupation, added)));
    // booking members: a free slot at the booking system (BookingSystemStub)
    UUID option = BookingSystemStub.get().newOption();
    Instant start = now.plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    BookingSystemStub.get().slot(option, start);
    update.put("BookingStartTime", start.toString());
    update.put("InterviewOptionID", option.toString());
    update.put("InterviewContactTypeIdentifier", "TELEFONISK");
    ReceiptRow receipt = t.awaitFinal(client, t.submit(client, Operation.UPDATE, cpr, update));

    assertThat(receipt.status()).as(String.valueOf(receipt.errors())).isEqualTo("COMPLETED");
    assertThat(receipt.result().get("IndkaldelseId").asString())
        .isEqualTo(BookingSystemStub.get().bookingsOf(cpr).getFirst().id().toString());
    assertThat(enrolments(cpr)).isEqualTo(1);
    assertThat(jobWishes(cpr))
        .containsExactlyInAnyOrder(
            kept + "|" + otherOccupation + "|false", added + "|" + activeOccupation + "|false");
  }

  @Test
  void updateWithoutAnOpenEnrolmentEnrols() {
    String cpr = t.person(newCpr());
    UUID target = UUID.randomUUID();
    ReceiptRow receipt =
        t.awaitFinal(
            client,
            t.submit(
                client,
                Operation.UPDATE,
                cpr,
                createBody(Instant.now(), List.of(profession(activeOccupation, target)))));

    assertThat(receipt.status()).isEqualTo("COMPLETED");
    assertThat(jobWishes(cpr)).containsExactly(target + "|" + activeOccupation + "|false");
  }

  @Test
  void deleteEndsTheOpenEnrolmentAndItsJobWishesAndASecondDeleteIs4589() {
    String cpr = t.person(newCpr());
    UUID target = UUID.randomUUID();
    Instant now = Instant.now();
    t.awaitFinal(
        client,
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(now, List.of(profession(activeOccupation, target)))));

    ReceiptRow deleted = t.awaitFinal(client, t.submit(client, Operation.DELETE, cpr, null));

    assertThat(deleted.status()).isEqualTo("COMPLETED");
    Map<String, Object> enrolment =
        jdbc.sql("select end_date, ended_by_client from enrolment where cpr = :cpr")
            .param("cpr", cpr)
            .query()
            .singleRow();
    assertThat(enrolment.get("end_date").toString())
        .isEqualTo(CopenhagenDates.dateOf(Instant.now()).toString());
    assertThat(enrolment.get("ended_by_client")).isEqualTo(client);
    assertThat(jobWishes(cpr)).containsExactly(target + "|" + activeOccupation + "|true");

    ReceiptRow again = t.awaitFinal(client, t.submit(client, Operation.DELETE, cpr, null));
    assertThat(again.status()).isEqualTo("REJECTED");
    assertThat(again.errorCodes()).containsExactly(4589);
  }

  @Test
  void aCreateThatLosesTheRaceForTheOpenEnrolmentRetriesAndIsRejectedWith4316() throws Exception {
    String cpr = t.person(newCpr());
    Instant now = Instant.now();
    String requestId =
        t.request(
            client,
            Operation.CREATE,
            cpr,
            createBody(now, List.of(profession(activeOccupation, UUID.randomUUID()))),
            now);
    try (Connection winner = dataSource.getConnection()) {
      // The winner enrols the citizen but has not committed: the worker's rules see no
      // enrolment, and its insert then waits on the partial unique index.
      winner.setAutoCommit(false);
      try (PreparedStatement insert =
          winner.prepareStatement(
              "insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,"
                  + " created_by_client, created_request_id)"
                  + " values (?, 'DAGPENGE', 'FULDT_LEDIG', current_date, 'winner', 'winner')")) {
        insert.setString(1, cpr);
        insert.executeUpdate();
      }
      t.publish(client, requestId, Operation.CREATE, now);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  jdbc.sql(
                          "select count(*) from pg_stat_activity where datname = current_database()"
                              + " and wait_event_type = 'Lock'")
                      .query(Long.class)
                      .single(),
              n -> n > 0);
      winner.commit();
    }

    ReceiptRow loser = t.awaitFinal(client, requestId);

    assertThat(loser.status()).isEqualTo("REJECTED");
    assertThat(loser.errorCodes()).containsExactly(4316);
    assertThat(enrolments(cpr)).isEqualTo(1);
  }

  private long enrolments(String cpr) {
    return jdbc.sql("select count(*) from enrolment where cpr = :cpr")
        .param("cpr", cpr)
        .query(Long.class)
        .single();
  }

  private List<String> jobWishes(String cpr) {
    return jdbc.sql(
            """
            select w.job_target_id::text || '|' || w.concept_uri || '|' || w.ended
              from job_wish w join enrolment e on e.id = w.enrolment_id where e.cpr = :cpr
            """)
        .param("cpr", cpr)
        .query(String.class)
        .list();
  }

  @FunctionalInterface
  interface Setup {
    void apply(CommandTestSupport t, String cpr);
  }

  private static Setup setup(Setup setup) {
    return setup == null ? (t, cpr) -> {} : setup;
  }

  private static Consumer<Map<String, Object>> body(Consumer<Map<String, Object>> bend) {
    return bend;
  }
}
