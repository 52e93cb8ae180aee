package dk.jobagent.worker.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.rules.BookingFacts;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** What the booking rules get to judge, built from the booking system's lookups. */
class BookingFactsFetcherTest {

  static final String CPR = "0202909123";
  static final UUID OPTION = UUID.fromString("10100007-0000-4000-8000-000000000009");

  static WireMockServer wm;
  BookingFactsFetcher fetcher;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort());
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    wm.resetAll();
    BookingClient client =
        BookingConfig.client(
            new BookingProperties(
                URI.create(wm.baseUrl()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                Duration.ofSeconds(10)),
            RestClient.builder(),
            JsonMapper.builder().build(),
            CircuitBreaker.ofDefaults("booking"),
            Retry.of("booking", RetryConfig.custom().maxAttempts(1).build()),
            Bulkhead.ofDefaults("booking"),
            new SimpleMeterRegistry());
    fetcher = new BookingFactsFetcher(client);
  }

  static JobagentRequest update(String option, String start, String caseworker) {
    return new JobagentRequest(
        "DAGPENGE",
        "2030-01-02",
        "FULDT_LEDIG",
        null,
        null,
        null,
        start,
        option,
        caseworker,
        "TELEFONISK");
  }

  static void json(String path, String body) {
    wm.stubFor(
        get(urlPathMatching(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void factsCarryOptionCaseworkerJobsamtalerAndDeadlinesOfTheOptionsType() {
    json(
        "/v1/interview-options/.*",
        """
        {"id":"%s","jobcenterCode":"101","interviewType":7,"active":true,
         "validFrom":"2030-01-01","validTo":"2030-06-30","supervisorRids":["90001","90002"]}
        """
            .formatted(OPTION));
    json("/v1/caseworkers/90002", "{\"rid\":\"90002\",\"name\":\"B\",\"jobcenterCode\":\"102\"}");
    json(
        "/v1/citizen/bookings",
        """
        {"bookings":[
           {"interviewType":7,"startTime":"2030-02-01T10:00:00+01:00"},
           {"interviewType":9,"startTime":"2030-02-02T10:00:00+01:00"},
           {"indkaldelseId":"%s","interviewOptionId":"%s","interviewType":7,
            "startTime":"2030-01-07T09:00:00+01:00"}],
         "deadlines":[{"interviewType":7,"deadline":"2030-03-01"},
                      {"interviewType":10,"deadline":"2030-01-03"}]}
        """
            .formatted(UUID.randomUUID(), OPTION));

    BookingFacts facts =
        fetcher.fetch(CPR, update(OPTION.toString(), "2030-01-07T08:00:00Z", "90002"));

    assertThat(facts.option().id()).isEqualTo(OPTION);
    assertThat(facts.option().supervisorRids()).containsExactlyInAnyOrder("90001", "90002");
    assertThat(facts.caseworkerFound()).isTrue();
    assertThat(facts.caseworkerJobcenter()).isEqualTo("102");
    // the booking of exactly the requested slot is this request's own (a redelivery): not counted
    assertThat(facts.existingJobsamtaleStarts())
        .containsExactly(Instant.parse("2030-02-01T09:00:00Z"));
    // the deadline date's last instant in Copenhagen; only the option's interview type
    assertThat(facts.openDeadlinesOfSameType())
        .containsExactly(BookingFactsFetcher.lastInstantOf(LocalDate.parse("2030-03-01")));
    assertThat(facts.openDeadlinesOfSameType().getFirst())
        .isBefore(Instant.parse("2030-03-01T23:00:00Z"))
        .isAfter(Instant.parse("2030-03-01T22:59:59Z"));
  }

  @Test
  void anUnknownOptionAndCaseworkerAreFactsTooAndANonGuidIsNeverLookedUp() {
    wm.stubFor(
        get(urlPathMatching("/v1/interview-options/.*")).willReturn(aResponse().withStatus(404)));
    wm.stubFor(get(urlPathMatching("/v1/caseworkers/.*")).willReturn(aResponse().withStatus(404)));
    json("/v1/citizen/bookings", "{\"bookings\":[],\"deadlines\":[]}");

    BookingFacts unknown =
        fetcher.fetch(CPR, update(OPTION.toString(), "2030-01-07T08:00:00Z", "nobody"));
    BookingFacts notGuid = fetcher.fetch(CPR, update("1-1-1-1-1", "2030-01-07T08:00:00Z", null));

    assertThat(unknown.option()).isNull();
    assertThat(unknown.caseworkerFound()).isFalse();
    assertThat(notGuid.option()).isNull();
    wm.verify(1, getRequestedFor(urlPathMatching("/v1/interview-options/.*")));
    wm.verify(1, getRequestedFor(urlPathMatching("/v1/caseworkers/.*")));
  }
}
