package dk.jobagent.ingest.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.schemas.security.DevTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Issue #8, scenario 8: every endpoint the running ingest-api maps (controllers and actuator, read
 * from the handler mappings, so a new endpoint cannot escape) is swept with no token, an expired
 * token, a token with the wrong scope and a token with a refused access category; each endpoint
 * must be classified below, else the sweep fails. Plus ownership (another client's receipt or bulk
 * file is 404) and no sent CPR in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecuritySweepTest extends IngestTestBase {

  private static final String ADMIN = DevTokens.SCOPE_ADMIN;
  private static final String CPR = "0101909123";

  /** What an endpoint needs; category: the access-category rule (4575) applies. */
  private record Rule(String scope, boolean category) {
    static final Rule PUBLIC = new Rule(null, false);
  }

  @Autowired ApplicationContext context;

  /** SPEC §2 and SecurityConfig: who may call what. An unlisted endpoint fails the sweep. */
  private static Rule rule(String method, String pattern) {
    if (pattern.equals("/actuator/health")
        || pattern.startsWith("/actuator/health/")
        || pattern.equals("/actuator/info")
        || pattern.equals("/actuator/prometheus")
        || pattern.equals("/openapi.yaml")) {
      return method.equals("GET") ? Rule.PUBLIC : null;
    }
    if (pattern.equals("/actuator") || pattern.startsWith("/actuator/")) {
      return new Rule(ADMIN, false);
    }
    return switch (method + " " + pattern) {
      case "POST /v1/Jobagent",
          "PUT /v1/UpdateJobagent",
          "DELETE /v1/UpdateJobagent",
          "DELETE /v1/Jobagent",
          "POST /v1/bulk-files" ->
          new Rule(WRITE, true);
      case "GET /v1/Jobagent", "GET /v1/bulk-files/{id}", "GET /v1/bulk-files/{id}/result" ->
          new Rule(READ, true);
      case "GET /v1/receipts/{requestId}" -> new Rule(READ, false);
      default -> null;
    };
  }

  /** Every (method, pattern) the application maps; a mapping without methods counts as GET+POST. */
  private Set<String> endpoints() {
    Set<String> all = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names =
            methods.isEmpty()
                ? List.of("GET", "POST")
                : methods.stream().map(RequestMethod::name).toList();
        for (String pattern : info.getPatternValues()) {
          for (String m : names) {
            all.add(m + " " + pattern);
          }
        }
      }
    }
    return all;
  }

  @Test
  void everyEndpointRefusesMissingWrongAndForeignTokens(CapturedOutput output) throws Exception {
    long started = System.nanoTime();
    long cpuBefore = ProbeRunner.processCpuMillis();
    Set<String> endpoints = endpoints();
    assertThat(endpoints).contains("POST /v1/Jobagent", "GET /v1/receipts/{requestId}");
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    String client = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
    Tokens tokens = new Tokens(client);
    int checked = 0;
    // one task per endpoint, in parallel: each is a handful of independent calls
    List<Callable<Void>> sweeps = new ArrayList<>();
    for (String endpoint : endpoints) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
      if (pattern.equals("/error")) {
        sweeps.add(
            () -> {
              // the container's error page; called directly it is an ordinary authenticated 404
              check(failures, endpoint, method, "/error", null, 401, null);
              check(failures, endpoint, method, "/error", tokens.of(READ + " " + WRITE), 404, null);
              return null;
            });
        continue;
      }
      Rule rule = rule(method, pattern);
      if (rule == null) {
        failures.add(endpoint + ": not classified by the sweep (add it to rule())");
        continue;
      }
      checked++;
      sweeps.add(
          () -> {
            sweep(failures, endpoint, method, concrete(pattern), rule, tokens);
            return null;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Void> f : pool.invokeAll(sweeps)) {
        f.get();
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);

    // ownership: another client's receipt and bulk file are not found
    String owner = writer(client);
    String stranger = token("sweep-other-" + UUID.randomUUID(), WRITE + " " + READ, STAR);
    String requestId = uniqueRequestId();
    assertThat(create(owner, CPR, requestId, validCreateBody()).statusCode()).isEqualTo(202);
    assertThat(call("GET", "/v1/receipts/" + requestId, owner).statusCode()).isEqualTo(200);
    check(failures, "receipt", "GET", "/v1/receipts/" + requestId, stranger, 404, null);
    HttpResponse<String> upload =
        send(
            request("/v1/bulk-files")
                .header("Authorization", "Bearer " + owner)
                .header("x-requestId", uniqueRequestId())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{}\n"))
                .build());
    assertThat(upload.statusCode()).isEqualTo(202);
    String location = upload.headers().firstValue("Location").orElseThrow();
    assertThat(call("GET", location, owner).statusCode()).isEqualTo(200);
    check(failures, "bulk file", "GET", location, stranger, 404, null);
    check(failures, "bulk result", "GET", location + "/result", stranger, 404, null);

    // no CPR that was sent is in the log in full
    assertThat(Pattern.compile("(?<![0-9])" + CPR + "(?![0-9])").matcher(output.getAll()).find())
        .as("the sweep's CPR in the log in full")
        .isFalse();
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    System.out.printf(
        "security sweep: %d endpoints, %d classified and swept in %d ms; CPU of this JVM %d ms%n",
        endpoints.size(),
        checked,
        (System.nanoTime() - started) / 1_000_000,
        ProbeRunner.processCpuMillis() - cpuBefore);
  }

  /** Tokens of the sweep's client, each minted once (signing is the costly part of a call). */
  private static final class Tokens {
    private final String client;
    private final Map<String, String> minted = new ConcurrentHashMap<>();

    Tokens(String client) {
      this.client = client;
    }

    String of(String scopes) {
      return of(scopes, STAR);
    }

    String of(String scopes, String category) {
      return minted.computeIfAbsent(
          scopes + "|" + category, k -> DevTokens.mint(client, scopes, category));
    }

    String expired(String scopes) {
      return minted.computeIfAbsent(
          scopes + "|expired", k -> DevTokens.mint(client, scopes, STAR, Duration.ofMinutes(-5)));
    }
  }

  /**
   * One endpoint: no, malformed, expired, wrong-scope and refused-category tokens, then the right
   * one.
   */
  private void sweep(
      List<String> failures,
      String endpoint,
      String method,
      String path,
      Rule rule,
      Tokens tokens) {
    if (rule.scope() == null) {
      HttpResponse<String> open = call(method, path, null);
      if (open.statusCode() == 401 || open.statusCode() == 403 || open.statusCode() >= 500) {
        failures.add(endpoint + ": public, but " + open.statusCode());
      }
      return;
    }
    check(failures, endpoint, method, path, null, 401, null);
    check(failures, endpoint, method, path, "not-a-jwt", 401, null);
    check(failures, endpoint, method, path, tokens.expired(rule.scope()), 401, null);
    String wrongScope =
        List.of(WRITE, READ, ADMIN).stream()
            .filter(s -> !s.equals(rule.scope()))
            .reduce((a, b) -> a + " " + b)
            .orElseThrow();
    check(failures, endpoint, method, path, tokens.of(wrongScope), 403, null);
    check(failures, endpoint, method, path, tokens.of(""), 403, null);
    if (rule.category()) {
      for (String category : List.of("Gæsteadgang", "Egne borgere", "star", "")) {
        check(failures, endpoint, method, path, tokens.of(rule.scope(), category), 403, 4575);
      }
    }
    // the right scope and category get past security (whatever the request then says)
    HttpResponse<String> allowed = call(method, path, tokens.of(rule.scope()));
    if (allowed.statusCode() == 401 || allowed.statusCode() == 403 || allowed.statusCode() >= 500) {
      failures.add(endpoint + ": with the right token " + allowed.statusCode());
    }
  }

  private void check(
      List<String> failures,
      String endpoint,
      String method,
      String path,
      String token,
      int status,
      Integer code) {
    HttpResponse<String> r = call(method, path, token);
    String what = endpoint + " (" + (token == null ? "no token" : "token") + ")";
    if (r.statusCode() != status) {
      failures.add(what + ": " + r.statusCode() + ", expected " + status + " " + r.body());
      return;
    }
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
      failures.add(what + ": " + status + " is not problem+json");
      return;
    }
    JsonNode body = JSON.readTree(r.body());
    JsonNode actual = body.get("code");
    if (code == null ? actual != null : actual == null || actual.asInt() != code) {
      failures.add(what + ": code " + actual + ", expected " + code);
    }
  }

  private HttpResponse<String> call(String method, String path, String token) {
    HttpRequest.Builder b = request(path).header("x-civilRegistrationIdentifier", CPR);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    boolean body = method.equals("POST") || method.equals("PUT");
    if (body) {
      b.header("Content-Type", "application/json");
    }
    return send(
        b.method(
                method,
                body
                    ? HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)
                    : HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** A path for a pattern: variables get a value, wildcards a segment. */
  private static String concrete(String pattern) {
    String path =
        pattern
            .replace("{id}", UUID.randomUUID().toString())
            .replaceAll("\\{\\*[^}]+}", "x")
            .replaceAll("\\{[^}]+}", "sweep-x")
            .replace("/**", "/x");
    return path;
  }
}
