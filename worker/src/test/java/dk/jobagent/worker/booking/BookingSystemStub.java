package dk.jobagent.worker.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.jobagent.schemas.CopenhagenDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking system for the worker's Spring tests: a real HTTP server (WireMock) answering what
 * schemas/booking-api.yaml promises, with the state that matters for the composite — a slot is
 * booked once, a repeated Idempotency-Key answers the first booking (200), {@code DELETE
 * /v1/bookings} with a key cancels what it booked and closes it (a later create: 409
 * idempotency-key-cancelled). Booking-sim itself is not used: its jar is a repackaged Spring Boot
 * application that the worker cannot take as a test dependency cleanly.
 *
 * <p>Faults are ordinary WireMock stubs of higher priority ({@link #fault}); {@link #clearFaults}
 * brings the system back. One server per JVM, started on first use; tests use their own option ids,
 * slots and CPRs so they never see each other's state.
 */
public final class BookingSystemStub {

  private static final String TRANSFORMER = "booking-ledger";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final BookingSystemStub INSTANCE = new BookingSystemStub();

  public static BookingSystemStub get() {
    return INSTANCE;
  }

  public static String baseUrl() {
    return INSTANCE.server.baseUrl();
  }

  /**
   * Points the worker's Spring test context at the stub, with resilience settings that let a test
   * see the breaker open and half-open within a second or two.
   */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("jobagent.booking.base-url", BookingSystemStub::baseUrl);
    registry.add("jobagent.booking.connect-timeout", () -> "500ms");
    registry.add("jobagent.booking.read-timeout", () -> "1s");
    registry.add("jobagent.booking.cancel-sweep-interval", () -> "200ms");
    registry.add("resilience4j.retry.instances.booking.wait-duration", () -> "20ms");
    String cb = "resilience4j.circuitbreaker.instances.booking.";
    registry.add(cb + "sliding-window-size", () -> "10");
    registry.add(cb + "minimum-number-of-calls", () -> "5");
    registry.add(cb + "wait-duration-in-open-state", () -> "1s");
  }

  record Option(
      UUID id, String jobcenter, int type, boolean active, LocalDate from, LocalDate to) {}

  public record Made(UUID id, String key, String cpr, UUID option, Instant start, String body) {}

  private final WireMockServer server;
  private final Map<UUID, Option> options = new HashMap<>();
  private final Map<String, String> caseworkers = new HashMap<>();
  private final Set<String> slots = new HashSet<>();
  private final Map<String, Made> byKey = new LinkedHashMap<>();
  private final Map<UUID, Made> booked = new LinkedHashMap<>();
  private final Set<String> closedKeys = new HashSet<>();
  private final List<UUID> faults = new ArrayList<>();
  private final AtomicInteger creates = new AtomicInteger();

  private BookingSystemStub() {
    server = new WireMockServer(options().dynamicPort().extensions(new Ledger()));
    server.start();
    server.stubFor(
        any(urlPathMatching("/v1/.*"))
            .atPriority(10)
            .willReturn(aResponse().withTransformers(TRANSFORMER)));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  public WireMockServer server() {
    return server;
  }

  /** A new active Jobsamtale option of job centre 101, valid today until a year from now. */
  public synchronized UUID newOption() {
    UUID id = UUID.randomUUID();
    LocalDate today = LocalDate.now(CopenhagenDates.ZONE);
    options.put(id, new Option(id, "101", 7, true, today.minusDays(1), today.plusYears(1)));
    return id;
  }

  public synchronized void caseworker(String rid, String jobcenter) {
    caseworkers.put(rid, jobcenter);
  }

  /** Offers a free slot of the option. */
  public synchronized void slot(UUID option, Instant start) {
    slots.add(slotKey(option, start));
  }

  public synchronized List<Made> bookingsOf(String cpr) {
    return booked.values().stream().filter(m -> m.cpr().equals(cpr)).toList();
  }

  public synchronized boolean keyClosed(String key) {
    return closedKeys.contains(key);
  }

  public int createCalls() {
    return creates.get();
  }

  /** Every /v1 call gets {@code response} until {@link #clearFaults()}. */
  public synchronized void fault(ResponseDefinitionBuilder response) {
    StubMapping m =
        server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(1).willReturn(response));
    faults.add(m.getId());
  }

  /** Only the create fails with {@code response}: lookups still answer. */
  public synchronized void createFault(ResponseDefinitionBuilder response) {
    StubMapping m =
        server.stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post("/v1/bookings")
                .atPriority(1)
                .willReturn(response));
    faults.add(m.getId());
  }

  public synchronized void clearFaults() {
    faults.forEach(id -> server.removeStubMapping(server.getSingleStubMapping(id)));
    faults.clear();
  }

  private static String slotKey(UUID option, Instant start) {
    return option + "@" + start;
  }

  private static OffsetDateTime local(Instant i) {
    return i.atZone(CopenhagenDates.ZONE).toOffsetDateTime();
  }

  private synchronized ResponseDefinition answer(Request request) {
    String path = request.getUrl().replaceFirst("\\?.*$", "");
    String method = request.getMethod().getName();
    if (method.equals("GET") && path.startsWith("/v1/interview-options/")) {
      Option o = options.get(uuidOrNull(path.substring("/v1/interview-options/".length())));
      if (o == null) {
        return problem(404, "interview-option-unknown", 8108);
      }
      return json(
          200,
          Map.of(
              "id", o.id(),
              "jobcenterCode", o.jobcenter(),
              "interviewType", o.type(),
              "active", o.active(),
              "validFrom", o.from().toString(),
              "validTo", o.to().toString(),
              "supervisorRids", List.of()));
    }
    if (method.equals("GET") && path.startsWith("/v1/caseworkers/")) {
      String rid = path.substring("/v1/caseworkers/".length());
      String centre = caseworkers.get(rid);
      return centre == null
          ? problem(404, "caseworker-unknown", 4822)
          : json(200, Map.of("rid", rid, "name", "Test", "jobcenterCode", centre));
    }
    if (method.equals("GET") && path.equals("/v1/citizen/bookings")) {
      String cpr = request.getHeader("x-civilRegistrationIdentifier");
      List<Map<String, Object>> list = new ArrayList<>();
      for (Made m : booked.values()) {
        if (m.cpr().equals(cpr)) {
          list.add(
              Map.of(
                  "indkaldelseId", m.id(),
                  "interviewOptionId", m.option(),
                  "interviewType", options.get(m.option()).type(),
                  "startTime", local(m.start()).toString()));
        }
      }
      return json(200, Map.of("bookings", list, "deadlines", List.of()));
    }
    if (path.equals("/v1/bookings") && method.equals("POST")) {
      creates.incrementAndGet();
      return create(request);
    }
    if (path.equals("/v1/bookings") && method.equals("DELETE")) {
      String key = request.getHeader("Idempotency-Key");
      Made m = byKey.remove(key);
      if (m != null) {
        booked.remove(m.id());
        slots.add(slotKey(m.option(), m.start()));
      }
      closedKeys.add(key);
      return new ResponseDefinitionBuilder().withStatus(204).build();
    }
    if (path.startsWith("/v1/bookings/") && method.equals("DELETE")) {
      Made m = booked.remove(uuidOrNull(path.substring("/v1/bookings/".length())));
      if (m != null) {
        byKey.remove(m.key());
        slots.add(slotKey(m.option(), m.start()));
      }
      return new ResponseDefinitionBuilder().withStatus(204).build();
    }
    return problem(404, "not-found", null);
  }

  private ResponseDefinition create(Request request) {
    String key = request.getHeader("Idempotency-Key");
    String body = request.getBodyAsString();
    if (closedKeys.contains(key)) {
      return problem(409, "idempotency-key-cancelled", null);
    }
    Made first = byKey.get(key);
    if (first != null) {
      return first.body().equals(body)
          ? booking(200, first)
          : problem(422, "idempotency-key-reused", null);
    }
    JsonNode in = JSON.readTree(body);
    UUID option = uuidOrNull(in.get("interviewOptionId").asString());
    Instant start = OffsetDateTime.parse(in.get("startTime").asString()).toInstant();
    if (!options.containsKey(option)) {
      return problem(422, "interview-option-unknown", 8108);
    }
    if (!slots.remove(slotKey(option, start))) {
      return problem(409, "slot-unavailable", 4819);
    }
    Made made = new Made(UUID.randomUUID(), key, in.get("cpr").asString(), option, start, body);
    byKey.put(key, made);
    booked.put(made.id(), made);
    return booking(201, made);
  }

  private static ResponseDefinition booking(int status, Made m) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("indkaldelseId", m.id());
    b.put("jobCenterReceipt", "Du er indkaldt til jobsamtale " + local(m.start()));
    b.put("phone", "70 12 34 56");
    b.put("fax", "70 12 34 57");
    b.put("startTime", local(m.start()).toString());
    b.put("interviewOptionId", m.option());
    return json(status, b);
  }

  private static ResponseDefinition problem(int status, String reason, Integer code) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "https://jobagent.dk/problems/booking/" + reason);
    p.put("title", reason);
    p.put("status", status);
    p.put("detail", reason);
    p.put("reason", reason);
    if (code != null) {
      p.put("code", code);
      p.put(
          "violations",
          List.of(
              Map.of(
                  "type", "https://jobagent.dk/problems/booking/" + reason,
                  "reason", reason,
                  "code", code,
                  "detail", reason)));
    }
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/problem+json")
        .withBody(JSON.writeValueAsString(p))
        .build();
  }

  private static ResponseDefinition json(int status, Object body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body))
        .build();
  }

  private static UUID uuidOrNull(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private final class Ledger implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      ResponseDefinition answer = answer(event.getRequest());
      Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
      // a slow-but-working system: a fault stub with the transformer and a delay
      return delay == null
          ? answer
          : ResponseDefinitionBuilder.like(answer).withFixedDelay(delay).build();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return TRANSFORMER;
    }
  }
}
