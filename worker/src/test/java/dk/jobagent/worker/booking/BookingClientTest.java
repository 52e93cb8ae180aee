package dk.jobagent.worker.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.worker.booking.BookingApi.BookingJson;
import dk.jobagent.worker.booking.BookingApi.CreateBookingJson;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking client against a real HTTP fault injector (WireMock): answers, refusals mapped to the
 * seed's codes, timeouts, 5xx and resets retried, the breaker opening and closing, the bulkhead.
 */
class BookingClientTest {

  static final String KEY = "req-42";
  static final String CPR = "0101909123";
  static final UUID OPTION = UUID.fromString("10100007-0000-4000-8000-000000000001");
  static final String PROBLEM = "application/problem+json";

  static WireMockServer wm;

  SimpleMeterRegistry meters;
  CircuitBreaker breaker;
  Retry retry;
  Bulkhead bulkhead;
  BookingClient client;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
    // the first request of a JVM pays for class loading on both sides: not a timeout to test
    java.net.http.HttpClient.newHttpClient()
        .sendAsync(
            java.net.http.HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/warm-up")).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .join();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    wm.resetAll();
    meters = new SimpleMeterRegistry();
    // small windows so that a test sees the breaker move in a few calls
    CircuitBreakerConfig.Builder cb =
        CircuitBreakerConfig.custom()
            .slidingWindowSize(4)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMillis(500))
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .permittedNumberOfCallsInHalfOpenState(1);
    BookingResilience.classify(cb);
    RetryConfig.Builder<Object> r =
        RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(20));
    BookingResilience.classify(r);
    build(
        cb.build(),
        r.build(),
        BulkheadConfig.custom().maxConcurrentCalls(4).maxWaitDuration(Duration.ZERO).build());
  }

  void build(CircuitBreakerConfig cb, RetryConfig r, BulkheadConfig b) {
    build(cb, r, b, Duration.ofMillis(800));
  }

  void build(CircuitBreakerConfig cb, RetryConfig r, BulkheadConfig b, Duration readTimeout) {
    breaker = CircuitBreaker.of("booking", cb);
    retry = Retry.of("booking", r);
    bulkhead = Bulkhead.of("booking", b);
    client =
        BookingConfig.client(
            new BookingProperties(
                URI.create(wm.baseUrl()),
                Duration.ofMillis(1000),
                readTimeout,
                Duration.ofMinutes(10),
                Duration.ofSeconds(10)),
            RestClient.builder(),
            JsonMapper.builder().build(),
            breaker,
            retry,
            bulkhead,
            meters);
  }

  static CreateBookingJson body() {
    return new CreateBookingJson(
        CPR, OPTION, "2030-01-07T09:00:00+01:00", "90001", "PERSONLIGT_FREMMOEDE");
  }

  static String booking(UUID id) {
    return """
        {"indkaldelseId":"%s","jobCenterReceipt":"Indkaldt til jobsamtale","phone":"70 10 10 10",
         "fax":null,"startTime":"2030-01-07T09:00:00+01:00","interviewOptionId":"%s"}
        """
        .formatted(id, OPTION);
  }

  static String problem(int status, String reason, Integer code, String... violationReasons) {
    StringBuilder v = new StringBuilder();
    for (String r : violationReasons) {
      v.append(v.isEmpty() ? "" : ",")
          .append(
              """
              {"type":"https://jobagent.dk/problems/booking/%s","reason":"%s","detail":"d"}"""
                  .formatted(r, r));
    }
    return """
        {"type":"https://jobagent.dk/problems/booking/%s","title":"t","status":%d,"detail":"no",
         "reason":"%s","code":%s,"violations":[%s]}
        """
        .formatted(reason, status, reason, code, v);
  }

  @Test
  void createSendsKeyAndBodyAndReadsTheBooking() {
    UUID id = UUID.randomUUID();
    wm.stubFor(
        post("/v1/bookings")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(booking(id))));

    BookingJson booked = client.create(KEY, body());

    assertThat(booked.indkaldelseId()).isEqualTo(id);
    assertThat(booked.jobCenterReceipt()).isEqualTo("Indkaldt til jobsamtale");
    assertThat(booked.phone()).isEqualTo("70 10 10 10");
    assertThat(booked.fax()).isNull();
    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/bookings"))
            .withHeader("Idempotency-Key", equalTo(KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"cpr":"%s","interviewOptionId":"%s","startTime":"2030-01-07T09:00:00+01:00",
                     "caseWorkerRid":"90001","contactType":"PERSONLIGT_FREMMOEDE"}
                    """
                        .formatted(CPR, OPTION))));
    assertThat(meters.get("jobagent.booking.calls").tag("outcome", "ok").timer().count())
        .isEqualTo(1);
  }

  @Test
  void lookupsReadOptionCaseworkerAndCitizenWithTheCprOnlyInAHeader() {
    wm.stubFor(
        get("/v1/interview-options/" + OPTION)
            .willReturn(
                okJson(
                    """
                    {"id":"%s","jobcenterCode":"101","interviewType":7,"active":true,
                     "validFrom":"2030-01-01","validTo":"2030-06-30","supervisorRids":["90001"]}
                    """
                        .formatted(OPTION))));
    wm.stubFor(
        get("/v1/caseworkers/90001")
            .willReturn(okJson("{\"rid\":\"90001\",\"name\":\"A\",\"jobcenterCode\":\"101\"}")));
    wm.stubFor(
        get("/v1/citizen/bookings")
            .withHeader("x-civilRegistrationIdentifier", equalTo(CPR))
            .willReturn(
                okJson(
                    """
                    {"bookings":[{"indkaldelseId":null,"interviewOptionId":null,"interviewType":7,
                      "startTime":"2030-02-01T10:00:00+01:00"}],
                     "deadlines":[{"interviewType":7,"deadline":"2030-03-01"}]}
                    """)));

    assertThat(client.interviewOption(OPTION))
        .hasValueSatisfying(
            o -> {
              assertThat(o.interviewType()).isEqualTo(7);
              assertThat(o.validTo()).hasToString("2030-06-30");
              assertThat(o.supervisorRids()).containsExactly("90001");
            });
    assertThat(client.caseworker("90001"))
        .hasValueSatisfying(c -> assertThat(c.jobcenterCode()).isEqualTo("101"));
    var citizen = client.citizenBookings(CPR);
    assertThat(citizen.bookings()).hasSize(1);
    assertThat(citizen.deadlines().getFirst().deadline()).hasToString("2030-03-01");
    assertThat(wm.getAllServeEvents())
        .allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(CPR));
  }

  @Test
  void unknownOptionAndCaseworkerAreEmptyNotErrors() {
    wm.stubFor(
        get(urlPathMatching("/v1/interview-options/.*"))
            .willReturn(problemResponse(404, problem(404, "interview-option-unknown", 8108))));
    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(problemResponse(404, problem(404, "caseworker-unknown", 4822))));

    assertThat(client.interviewOption(OPTION)).isEmpty();
    assertThat(client.caseworker("nobody")).isEmpty();
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(422, "start-time-in-past", 4783, ErrorCode.BOOKING_TIME_BEFORE_TODAY),
        Arguments.of(422, "interview-option-unknown", 8108, ErrorCode.INTERVIEW_OPTION_UNKNOWN),
        Arguments.of(422, "interview-option-inactive", 8108, ErrorCode.INTERVIEW_OPTION_UNKNOWN),
        Arguments.of(
            422, "outside-option-date-range", 8109, ErrorCode.BOOKING_OUTSIDE_OPTION_RANGE),
        Arguments.of(422, "supervisor-not-allowed", 9003, ErrorCode.SUPERVISOR_NOT_ALLOWED),
        Arguments.of(422, "caseworker-unknown", 4822, ErrorCode.CASEWORKER_NOT_FOUND),
        Arguments.of(422, "jobsamtale-already-booked", 8273, ErrorCode.JOBSAMTALE_ALREADY_BOOKED),
        Arguments.of(422, "later-than-deadline", 8288, ErrorCode.BOOKING_AFTER_DEADLINE),
        Arguments.of(409, "slot-unavailable", 4819, ErrorCode.SLOT_NOT_AVAILABLE),
        Arguments.of(422, "booking-not-configured", 9018, ErrorCode.BOOKING_SYSTEM_NOT_CONFIGURED));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("refusals")
  void refusalsMapToTheSeedsCodesAndNeitherRetryNorTripTheBreaker(
      int status, String reason, int code, ErrorCode expected) {
    wm.stubFor(
        post("/v1/bookings")
            .willReturn(problemResponse(status, problem(status, reason, code, reason))));

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> client.create(KEY, body()))
          .isInstanceOfSatisfying(
              BookingRefusedException.class, e -> assertThat(e.codes()).containsExactly(expected));
    }

    wm.verify(5, postRequestedFor(urlEqualTo("/v1/bookings")));
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void everyViolationIsReportedPrimaryFirst() {
    wm.stubFor(
        post("/v1/bookings")
            .willReturn(
                problemResponse(
                    422,
                    problem(
                        422,
                        "outside-option-date-range",
                        8109,
                        "outside-option-date-range",
                        "later-than-deadline",
                        "slot-unavailable"))));

    assertThatThrownBy(() -> client.create(KEY, body()))
        .isInstanceOfSatisfying(
            BookingRefusedException.class,
            e ->
                assertThat(e.codes())
                    .containsExactly(
                        ErrorCode.BOOKING_OUTSIDE_OPTION_RANGE,
                        ErrorCode.BOOKING_AFTER_DEADLINE,
                        ErrorCode.SLOT_NOT_AVAILABLE));
  }

  @Test
  void aReasonTheWorkerDoesNotKnowFallsBackOnTheCodeMember() {
    wm.stubFor(
        post("/v1/bookings")
            .willReturn(problemResponse(422, problem(422, "some-new-reason", 4819))));

    assertThatThrownBy(() -> client.create(KEY, body()))
        .isInstanceOfSatisfying(
            BookingRefusedException.class,
            e -> assertThat(e.codes()).containsExactly(ErrorCode.SLOT_NOT_AVAILABLE));
  }

  @Test
  void aClosedKeyOrAMalformedRequestIsATechnicalErrorThatIsNotRetried() {
    wm.stubFor(
        post("/v1/bookings")
            .willReturn(problemResponse(409, problem(409, "idempotency-key-cancelled", null))));

    assertThatThrownBy(() -> client.create(KEY, body()))
        .isInstanceOfSatisfying(
            BookingSystemException.class,
            e -> assertThat(e.reason()).isEqualTo("idempotency-key-cancelled"))
        .hasMessageContaining("idempotency-key-cancelled");
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/bookings")));
  }

  @Test
  void a503IsRetriedAndTheSameKeyGetsTheBooking() {
    UUID id = UUID.randomUUID();
    wm.stubFor(
        post("/v1/bookings")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(problemResponse(503, problem(503, "injected-failure", null)))
            .willSetStateTo("second"));
    wm.stubFor(
        post("/v1/bookings")
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("third"));
    wm.stubFor(
        post("/v1/bookings")
            .inScenario("flaky")
            .whenScenarioStateIs("third")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(booking(id))));

    assertThat(client.create(KEY, body()).indkaldelseId()).isEqualTo(id);

    wm.verify(
        3,
        postRequestedFor(urlEqualTo("/v1/bookings")).withHeader("Idempotency-Key", equalTo(KEY)));
    assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
  }

  @Test
  void slowAnswersTimeOutAndAfterTheLastAttemptTheSystemIsUnavailable() {
    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(
                okJson("{\"rid\":\"1\",\"name\":\"A\",\"jobcenterCode\":\"101\"}")
                    .withFixedDelay(2500)));

    assertThatThrownBy(() -> client.caseworker("1"))
        .isInstanceOfSatisfying(
            BookingUnavailableException.class, e -> assertThat(e.circuitOpen()).isFalse())
        .hasMessageContaining("after 3 attempts");
    wm.verify(3, getRequestedFor(urlEqualTo("/v1/caseworkers/1")));
  }

  @Test
  void resetsAndEmptyAnswersAreTransient() {
    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    wm.stubFor(
        delete("/v1/bookings").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.caseworker("1"))
        .isInstanceOf(BookingUnavailableException.class);
    assertThatThrownBy(() -> client.cancelByKey(KEY))
        .isInstanceOf(BookingUnavailableException.class);
  }

  @Test
  void theBreakerOpensOnFailuresStopsCallingAndClosesWhenTheSystemIsBack() {
    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(problemResponse(500, problem(500, "internal-error", null))));

    // 3 attempts, then 1 more: the window of 4 is full of failures
    assertThatThrownBy(() -> client.caseworker("1"))
        .isInstanceOf(BookingUnavailableException.class);
    assertThatThrownBy(() -> client.caseworker("1"))
        .isInstanceOfSatisfying(
            BookingUnavailableException.class, e -> assertThat(e.circuitOpen()).isTrue());
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int served = wm.getAllServeEvents().size();
    assertThatThrownBy(() -> client.caseworker("1"))
        .isInstanceOfSatisfying(
            BookingUnavailableException.class, e -> assertThat(e.circuitOpen()).isTrue());
    assertThat(wm.getAllServeEvents()).as("no call while open").hasSize(served);

    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(okJson("{\"rid\":\"1\",\"name\":\"A\",\"jobcenterCode\":\"101\"}")));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
    assertThat(client.caseworker("1")).isPresent();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(
            meters
                .get("jobagent.booking.calls")
                .tag("operation", "caseworker")
                .tag("outcome", "circuit-open")
                .timer()
                .count())
        .isEqualTo(2);
  }

  @Test
  void theBulkheadRefusesCallsBeyondItsLimit() throws Exception {
    build(
        CircuitBreakerConfig.ofDefaults(),
        RetryConfig.custom().maxAttempts(1).build(),
        BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build(),
        Duration.ofSeconds(5));
    wm.stubFor(
        get(urlPathMatching("/v1/caseworkers/.*"))
            .willReturn(
                okJson("{\"rid\":\"1\",\"name\":\"A\",\"jobcenterCode\":\"101\"}")
                    .withFixedDelay(1500)));

    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<?> slow = CompletableFuture.runAsync(() -> client.caseworker("1"), pool);
      await().until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == 0);
      assertThatThrownBy(() -> client.caseworker("2"))
          .isInstanceOf(BookingUnavailableException.class)
          .hasMessageContaining("bulkhead");
      slow.get();
    }
    assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
  }

  @Test
  void cancelByKeyAndByIdSendWhatTheContractAsks() {
    UUID id = UUID.randomUUID();
    wm.stubFor(delete("/v1/bookings").willReturn(aResponse().withStatus(204)));
    wm.stubFor(delete("/v1/bookings/" + id).willReturn(aResponse().withStatus(204)));

    client.cancelByKey(KEY);
    client.cancel(id);

    wm.verify(
        deleteRequestedFor(urlEqualTo("/v1/bookings")).withHeader("Idempotency-Key", equalTo(KEY)));
    wm.verify(deleteRequestedFor(urlEqualTo("/v1/bookings/" + id)));
    assertThat(List.of(breaker.getMetrics().getNumberOfSuccessfulCalls())).containsExactly(2);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problemResponse(
      int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", PROBLEM).withBody(body);
  }
}
