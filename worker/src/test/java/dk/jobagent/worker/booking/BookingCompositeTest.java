package dk.jobagent.worker.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.CommandTestSupport.ReceiptRow;
import dk.jobagent.worker.WorkerIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * UpdateJobagent as the seed's composite, end to end: request row + command (as ingest-api writes
 * them), the running worker, and the booking system over HTTP ({@link BookingSystemStub}: WireMock
 * answering booking-api.yaml, stateful for slots and idempotency keys, with injected faults).
 */
class BookingCompositeTest extends WorkerIntegrationTest {

  static final String BOOKING_CONTAINER = "enrolment-booking-commands";

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired CircuitBreakerRegistry breakers;
  @Autowired RabbitListenerEndpointRegistry listeners;
  @Autowired MeterRegistry meters;
  @Autowired BookingCircuit circuit;
  @Autowired org.springframework.boot.health.actuate.endpoint.HealthEndpoint healthEndpoint;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("booking")
  HealthIndicator health;

  BookingSystemStub system = BookingSystemStub.get();
  CommandTestSupport t;
  String client;
  String occupation;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    client = newClientId();
    occupation = t.occupation("Aktiv");
  }

  @AfterEach
  void systemBack() {
    system.clearFaults();
    breaker().transitionToClosedState();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> listeners.getListenerContainer(BOOKING_CONTAINER).isRunning());
  }

  CircuitBreaker breaker() {
    return breakers.circuitBreaker(BookingResilience.INSTANCE);
  }

  /** A bookable slot some days ahead, whole minutes (the stub keys slots by instant). */
  Instant slotOf(UUID option, int daysAhead) {
    Instant start =
        Instant.now()
            .plus(Duration.ofDays(daysAhead))
            .plus(Duration.ofMinutes((long) (Math.random() * 10_000)))
            .truncatedTo(ChronoUnit.MINUTES);
    system.slot(option, start);
    return start;
  }

  Map<String, Object> update(Instant receivedAt, UUID option, Instant start) {
    Map<String, Object> body =
        createBody(receivedAt, List.of(profession(occupation, UUID.randomUUID())));
    body.put("BookingStartTime", start.toString());
    body.put("InterviewOptionID", option.toString());
    body.put("InterviewContactTypeIdentifier", "TELEFONISK");
    return body;
  }

  String submitUpdate(String cpr, UUID option, Instant start) {
    return t.submit(client, Operation.UPDATE, cpr, update(Instant.now(), option, start));
  }

  long enrolments(String cpr) {
    return jdbc.sql("select count(*) from enrolment where cpr = :cpr")
        .param("cpr", cpr)
        .query(Long.class)
        .single();
  }

  long attemptRows(String requestId) {
    return jdbc.sql("select count(*) from booking_attempt where request_id = :r")
        .param("r", requestId)
        .query(Long.class)
        .single();
  }

  @Test
  void anUpdateBooksAndItsReceiptCarriesTheBooking() {
    String cpr = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 5);

    String requestId = submitUpdate(cpr, option, start);
    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.status()).as(String.valueOf(receipt.errors())).isEqualTo("COMPLETED");
    List<BookingSystemStub.Made> made = system.bookingsOf(cpr);
    assertThat(made).hasSize(1);
    assertThat(made.getFirst().key()).isEqualTo(requestId);
    assertThat(receipt.result().get("IndkaldelseId").asString())
        .isEqualTo(made.getFirst().id().toString());
    assertThat(receipt.result().get("JobCenterReceipt").asString()).startsWith("Du er indkaldt");
    assertThat(receipt.result().get("Phone").asString()).isEqualTo("70 12 34 56");
    assertThat(receipt.result().get("Fax").asString()).isEqualTo("70 12 34 57");
    assertThat(enrolments(cpr)).isEqualTo(1);
    assertThat(attemptRows(requestId)).as("nothing left to compensate").isZero();
    assertThat(auditedOperations(requestId))
        .as("one record per effect")
        .containsExactlyInAnyOrder(
            dk.jobagent.worker.audit.AuditLog.BOOKING_MADE,
            dk.jobagent.worker.audit.AuditLog.ENROLMENT_STARTED);
  }

  List<String> auditedOperations(String requestId) {
    return jdbc.sql("select operation from audit_event where request_id = :r")
        .param("r", requestId)
        .query(String.class)
        .list();
  }

  @Test
  void bookingRulesRejectBeforeAnyBookingIsAskedFor() {
    String cpr = t.person(newCpr());
    UUID unknownOption = UUID.randomUUID();
    int creates = system.createCalls();

    ReceiptRow receipt =
        t.awaitFinal(
            client, submitUpdate(cpr, unknownOption, Instant.now().plus(Duration.ofDays(2))));

    assertThat(receipt.status()).isEqualTo("REJECTED");
    assertThat(receipt.errorCodes()).containsExactly(8108);
    assertThat(system.createCalls()).isEqualTo(creates);
    assertThat(enrolments(cpr)).isZero();
  }

  @Test
  void twoUpdatesRacingForOneSlotOneGetsItTheOther4819() {
    String first = t.person(newCpr());
    String second = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 7);

    List<String> ids = new ArrayList<>();
    CompletableFuture.allOf(
            CompletableFuture.runAsync(() -> ids.add(submitUpdate(first, option, start))),
            CompletableFuture.runAsync(() -> ids.add(submitUpdate(second, option, start))))
        .join();
    List<ReceiptRow> receipts = ids.stream().map(id -> t.awaitFinal(client, id)).toList();

    assertThat(receipts)
        .extracting(ReceiptRow::status)
        .containsExactlyInAnyOrder("COMPLETED", "REJECTED");
    ReceiptRow loser =
        receipts.stream().filter(r -> r.status().equals("REJECTED")).findFirst().orElseThrow();
    assertThat(loser.errorCodes()).containsExactly(4819);
    assertThat(system.bookingsOf(first).size() + system.bookingsOf(second).size()).isEqualTo(1);
    String winner = system.bookingsOf(first).isEmpty() ? second : first;
    String other = winner.equals(first) ? second : first;
    assertThat(enrolments(winner)).isEqualTo(1);
    assertThat(enrolments(other)).as("no enrolment without its booking").isZero();
  }

  /**
   * A trigger that fails the commit (deferred: it fires at COMMIT) of the COMPLETED receipt of one
   * request, with the given SQLSTATE, {@code times} times.
   */
  void failCommitOf(String requestId, String sqlState, int times) {
    jdbc.sql(
            "create table if not exists test_commit_fault (request_id text primary key,"
                + " sql_state text not null, times int not null, counter text not null)")
        .update();
    // the count is a sequence: nextval survives the rollback of the commit it fails
    jdbc.sql(
            """
            create or replace function test_commit_fault() returns trigger language plpgsql as $$
            declare f test_commit_fault%rowtype;
            begin
              select * into f from test_commit_fault where request_id = new.request_id;
              if found and nextval(f.counter) <= f.times then
                raise exception 'injected commit failure' using errcode = f.sql_state;
              end if;
              return new;
            end $$
            """)
        .update();
    jdbc.sql(
            """
            do $$ begin
              if not exists (select 1 from pg_trigger where tgname = 'test_commit_fault') then
                create constraint trigger test_commit_fault after update on request
                  deferrable initially deferred for each row
                  when (new.status = 'COMPLETED')
                  execute function test_commit_fault();
              end if;
            end $$
            """)
        .update();
    String counter = "test_commit_fault_" + requestId.replaceAll("[^A-Za-z0-9]", "_");
    jdbc.sql("create sequence " + counter).update();
    jdbc.sql(
            "insert into test_commit_fault (request_id, sql_state, times, counter)"
                + " values (:r, :s, :n, :c)")
        .param("r", requestId)
        .param("s", sqlState)
        .param("n", times)
        .param("c", counter)
        .update();
  }

  @Test
  void aCommitThatFailsForGoodAfterTheBookingLeavesNoBookingBehind() {
    String cpr = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 9);
    Instant now = Instant.now();
    String requestId = t.request(client, Operation.UPDATE, cpr, update(now, option, start), now);
    failCommitOf(requestId, "P0001", 100);

    t.publish(client, requestId, Operation.UPDATE, now);
    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.status()).isEqualTo("FAILED");
    assertThat(
            system
                .server()
                .countRequestsMatching(
                    postRequestedFor(urlEqualTo("/v1/bookings"))
                        .withHeader("Idempotency-Key", equalTo(requestId))
                        .build())
                .getCount())
        .as("it did book")
        .isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> system.keyClosed(requestId));
    assertThat(system.bookingsOf(cpr)).as("the booking was cancelled").isEmpty();
    assertThat(enrolments(cpr)).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> attemptRows(requestId) == 0);
    assertThat(
            jdbc.sql("select count(*) from audit_event where request_id = :r and operation = :o")
                .param("r", requestId)
                .param("o", dk.jobagent.worker.audit.AuditLog.BOOKING_CANCELLED)
                .query(Long.class)
                .single())
        .as("the cancel is audited")
        .isEqualTo(1);
    assertThat(auditedOperations(requestId))
        .as("the rolled-back booking and enrolment left no record")
        .containsExactly(dk.jobagent.worker.audit.AuditLog.BOOKING_CANCELLED);
  }

  @Test
  void aCommitThatFailsOnceIsRetriedAndReusesTheSameBooking() {
    String cpr = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 11);
    Instant now = Instant.now();
    String requestId = t.request(client, Operation.UPDATE, cpr, update(now, option, start), now);
    failCommitOf(requestId, "40001", 1); // serialization failure: transient

    t.publish(client, requestId, Operation.UPDATE, now);
    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.status()).as(String.valueOf(receipt.errors())).isEqualTo("COMPLETED");
    assertThat(
            system
                .server()
                .countRequestsMatching(
                    postRequestedFor(urlEqualTo("/v1/bookings"))
                        .withHeader("Idempotency-Key", equalTo(requestId))
                        .build())
                .getCount())
        .as("booked twice with one key")
        .isEqualTo(2);
    assertThat(system.bookingsOf(cpr)).hasSize(1);
    assertThat(receipt.result().get("IndkaldelseId").asString())
        .isEqualTo(system.bookingsOf(cpr).getFirst().id().toString());
    assertThat(enrolments(cpr)).isEqualTo(1);
    assertThat(attemptRows(requestId)).isZero();
  }

  @Test
  void whileTheSystemIsDownBookingWorkWaitsAndEveryUpdateCompletesWhenItIsBack() {
    UUID option = system.newOption();
    double deadLettersBefore = deadLetters();
    List<String> cprs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    system.fault(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    for (int i = 0; i < 6; i++) {
      String cpr = t.person(newCpr());
      cprs.add(cpr);
      ids.add(submitUpdate(cpr, option, slotOf(option, 13)));
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> !circuit.permitsCalls());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !listeners.getListenerContainer(BOOKING_CONTAINER).isRunning());
    assertThat(health.health().getStatus().getCode()).isIn("CIRCUIT_OPEN", "CIRCUIT_HALF_OPEN");
    // the worker itself stays healthy: an outage elsewhere must not get it restarted
    assertThat(healthEndpoint.health().getStatus().getCode()).isEqualTo("UP");
    // still down across a few half-open trials: nothing is answered, nothing dead-lettered
    system.clearFaults();
    system.fault(aResponse().withStatus(503).withBody("{\"reason\":\"injected-failure\"}"));
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    for (String id : ids) {
      assertThat(t.receipt(client, id).status()).isEqualTo("PENDING");
    }
    assertThat(deadLetters()).isEqualTo(deadLettersBefore);

    system.clearFaults();
    for (int i = 0; i < ids.size(); i++) {
      ReceiptRow r = t.awaitFinal(client, ids.get(i));
      assertThat(r.status()).as(String.valueOf(r.errors())).isEqualTo("COMPLETED");
      assertThat(r.result().get("IndkaldelseId").asString())
          .isEqualTo(system.bookingsOf(cprs.get(i)).getFirst().id().toString());
    }
    await().atMost(Duration.ofSeconds(10)).until(circuit::permitsCalls);
    assertThat(listeners.getListenerContainer(BOOKING_CONTAINER).isRunning()).isTrue();
    assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "booking").gauges())
        .isNotEmpty();
    assertThat(meters.find("jobagent.booking.calls").tag("outcome", "circuit-open").timers())
        .isNotEmpty();
  }

  @Test
  void slowAnswersCountAsFailuresAndTheUpdateCompletesOnceTheyAreFastAgain() {
    String cpr = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 15);
    // slower than the read timeout on every call (the stub still answers, just too late)
    system.fault(aResponse().withTransformers("booking-ledger").withFixedDelay(2500));

    double timedOut = timedOutLookups();
    String requestId = submitUpdate(cpr, option, start);
    await().atMost(Duration.ofSeconds(15)).until(() -> timedOutLookups() > timedOut);
    assertThat(t.receipt(client, requestId).status())
        .as("waiting, not answered")
        .isEqualTo("PENDING");
    system.clearFaults();

    ReceiptRow receipt = t.awaitFinal(client, requestId);
    assertThat(receipt.status()).as(String.valueOf(receipt.errors())).isEqualTo("COMPLETED");
    assertThat(system.bookingsOf(cpr)).hasSize(1);
  }

  @Test
  void pastTheMaximumWaitTheAnswerIs4769AndTheKeyIsGivenUp() {
    String cpr = t.person(newCpr());
    UUID option = system.newOption();
    Instant start = slotOf(option, 17);
    // received long ago: the wait limit (jobagent.booking.max-wait) is already used up
    Instant receivedAt = Instant.now().minus(Duration.ofHours(2));
    String requestId =
        t.request(client, Operation.UPDATE, cpr, update(receivedAt, option, start), receivedAt);
    system.createFault(aResponse().withStatus(503));
    double deadLettersBefore = deadLetters();

    t.publish(client, requestId, Operation.UPDATE, receivedAt);
    ReceiptRow receipt = t.awaitFinal(client, requestId);

    assertThat(receipt.status()).as(String.valueOf(receipt.errors())).isEqualTo("FAILED");
    assertThat(receipt.errorCodes()).containsExactly(4769);
    assertThat(enrolments(cpr)).isZero();
    assertThat(
            system
                .server()
                .countRequestsMatching(
                    postRequestedFor(urlEqualTo("/v1/bookings"))
                        .withHeader("Idempotency-Key", equalTo(requestId))
                        .build())
                .getCount())
        .as("the create was tried")
        .isPositive();
    system.clearFaults();
    breaker().transitionToClosedState();
    // the create may have booked unseen (a timeout): the key is given up once the system answers
    await().atMost(Duration.ofSeconds(15)).until(() -> system.keyClosed(requestId));
    assertThat(system.bookingsOf(cpr)).isEmpty();
    assertThat(deadLetters()).as("an answer, not a dead letter").isEqualTo(deadLettersBefore);
  }

  /** Option lookups that ended unavailable after their retries (read timeouts here). */
  double timedOutLookups() {
    return meters
        .find("jobagent.booking.calls")
        .tag("operation", "interview-option")
        .tag("outcome", "unavailable")
        .timers()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Timer::count)
        .sum();
  }

  /** Dead letters so far (the listener's own count: the DLQ itself may be drained elsewhere). */
  double deadLetters() {
    return meters
        .find("jobagent.commands.processed")
        .tag("outcome", "DEAD_LETTERED")
        .counters()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }
}
