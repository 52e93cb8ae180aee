package dk.jobagent.ingest;

import dk.jobagent.schemas.security.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring test context of this module (every test class extends this, with the same
 * configuration, so the context is built once): the real application on a random port, against this
 * JVM's own PostgreSQL database and RabbitMQ vhost, called over real HTTP.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.file.name=target/test-logs/ingest-api.log",
      "jobagent.outbox.poll-interval=200ms",
      "jobagent.retention.purge-initial-delay=PT1H",
      // uploads the tests make (bulk-file probes, the security sweep) stay out of the source tree
      "jobagent.bulk.inbox=target/test-bulk/inbox",
      "jobagent.bulk.outbox=target/test-bulk/outbox"
    })
@ActiveProfiles("log-file")
public abstract class IngestTestBase {

  static {
    // LogMaskingTest scans this run's log only: start from an empty file (before the context opens
    // it)
    try {
      java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target/test-logs/ingest-api.log"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  protected static final String STAR = "STAR";
  protected static final String WRITE = DevTokens.SCOPE_WRITE;
  protected static final String READ = DevTokens.SCOPE_READ;
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  protected static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(20))
          .build();

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;

  protected static String token(String clientId, String scopes, String accessCategory) {
    return DevTokens.mint(clientId, scopes, accessCategory);
  }

  protected static String writer(String clientId) {
    return token(clientId, WRITE + " " + READ, STAR);
  }

  protected static String uniqueClient() {
    return "client-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String uniqueRequestId() {
    return "req-" + UUID.randomUUID();
  }

  protected HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(40));
  }

  protected HttpResponse<String> send(HttpRequest r) {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A write with the usual headers; null header values are left out. */
  protected HttpResponse<String> write(
      String method, String path, String token, String cpr, String requestId, String body) {
    HttpRequest.Builder b = request(path);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (cpr != null) {
      b.header("x-civilRegistrationIdentifier", cpr);
    }
    if (requestId != null) {
      b.header("x-requestId", requestId);
    }
    b.header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(b.build());
  }

  protected HttpResponse<String> create(String token, String cpr, String requestId, String body) {
    return write("POST", "/v1/Jobagent", token, cpr, requestId, body);
  }

  protected static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  protected static String validCreateBody() {
    return """
        {"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"2026-11-27",
         "CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG",
         "EmailAddressIdentifier":"borger@example.dk",
         "Profession":[{"ConceptUriDa":"http://data.europa.eu/esco/occupation/abc",
                        "HasEducation":true,
                        "jobTargetIdentifier":"%s"}]}
        """
        .formatted(UUID.randomUUID());
  }
}
