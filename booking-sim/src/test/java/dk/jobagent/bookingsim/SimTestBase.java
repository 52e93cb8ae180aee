package dk.jobagent.bookingsim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real simulator on a random port for every test class (the context is shared), loaded with the
 * small fixture data set in src/test/resources/fixture (dates in 2090, so no test depends on
 * today's date). Tests take fresh CPRs and free slots so that they never depend on each other.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "booking-sim.data-dir=classpath:fixture")
public abstract class SimTestBase {

  protected static final String OPEN_JOBSAMTALE = "00000000-0000-4000-8000-000000000001";
  protected static final String SUPERVISED_INFO = "00000000-0000-4000-8000-000000000002";
  protected static final String INACTIVE = "00000000-0000-4000-8000-000000000003";
  protected static final String MARCH_ONLY = "00000000-0000-4000-8000-000000000004";
  protected static final String UNCONFIGURED = "00000000-0000-4000-8000-000000000005";
  protected static final String WITH_PAST_SLOT = "00000000-0000-4000-8000-000000000006";
  protected static final String UNKNOWN_OPTION = "00000000-0000-4000-8000-0000000000ff";

  private static final AtomicInteger CPRS = new AtomicInteger();
  private static final AtomicInteger KEYS = new AtomicInteger();

  protected static final JsonMapper JSON = JsonMapper.builder().build();
  protected static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Value("${local.server.port}")
  protected int port;

  /** A synthetic CPR no other test uses (day 01, month 01, made-up digits). */
  protected static String freshCpr() {
    return String.format("0101%06d", 700_000 + CPRS.incrementAndGet());
  }

  protected static String freshKey() {
    return "test-" + System.nanoTime() + "-" + KEYS.incrementAndGet();
  }

  protected record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String reason() {
      return body.path("reason").asString();
    }
  }

  protected Answer get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  protected Answer put(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  protected Answer book(String key, String cpr, String option, String start, String rid)
      throws IOException, InterruptedException {
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("cpr", cpr);
    fields.put("interviewOptionId", option);
    fields.put("startTime", start);
    fields.put("contactType", "PERSONLIGT_FREMMOEDE");
    if (rid != null) {
      fields.put("caseWorkerRid", rid);
    }
    String body = JSON.writeValueAsString(fields);
    return post("/v1/bookings", key, body);
  }

  protected Answer post(String path, String key, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request);
  }

  protected Answer delete(String path, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request);
  }

  /** The first free slot of an option, as the simulator lists it. */
  protected String freeSlot(String option) throws IOException, InterruptedException {
    return freeSlot(option, "2090-01-01");
  }

  protected String freeSlot(String option, String from) throws IOException, InterruptedException {
    Answer slots =
        get(
            "/v1/interview-options/"
                + option
                + "/slots?limit=1&from="
                + java.net.URLEncoder.encode(from, java.nio.charset.StandardCharsets.UTF_8));
    return slots.body().get("freeSlots").get(0).asString();
  }

  protected Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body =
        response.body() == null
                || response.body().isBlank()
                || !response.headers().firstValue("Content-Type").orElse("").contains("json")
            ? JSON.createObjectNode()
            : JSON.readTree(response.body());
    return new Answer(response.statusCode(), body, response);
  }

  protected URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** The files of the test data set ({@code classpath:fixture}), header names as in SPEC §6. */
  protected static final List<String> FIXTURE_FILES =
      List.of(
          "jobcenters.csv",
          "caseworkers.csv",
          "interview_options.csv",
          "slots.csv",
          "bookings.csv",
          "deadlines.csv");

  /** Copies the test data set into {@code dir} (which must exist) and returns it. */
  protected static Path copyFixture(Path dir) throws IOException {
    for (String file : FIXTURE_FILES) {
      try (InputStream in = SimTestBase.class.getResourceAsStream("/fixture/" + file)) {
        Files.copy(in, dir.resolve(file));
      }
    }
    return dir;
  }
}
