package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.security.DevTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecurityTest extends IngestTestBase {

  @Test
  void missingTokenIs401Problem() {
    HttpResponse<String> r = create(null, TestCprs.next(), uniqueRequestId(), validCreateBody());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(r).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void invalidOrExpiredTokenIs401() {
    String good = writer(uniqueClient());
    // a character in the middle of the signature (the last one partly carries padding bits)
    int at = good.lastIndexOf('.') + 10;
    String tampered =
        good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);
    assertThat(create(tampered, TestCprs.next(), uniqueRequestId(), validCreateBody()).statusCode())
        .isEqualTo(401);
    String expired = DevTokens.mint(uniqueClient(), WRITE, STAR, Duration.ofMinutes(-5));
    assertThat(create(expired, TestCprs.next(), uniqueRequestId(), validCreateBody()).statusCode())
        .isEqualTo(401);
    assertThat(
            create("not-a-jwt", TestCprs.next(), uniqueRequestId(), validCreateBody()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void wrongScopeIs403ProblemWithoutCode() {
    String readOnly = token(uniqueClient(), READ, STAR);
    HttpResponse<String> r =
        create(readOnly, TestCprs.next(), uniqueRequestId(), validCreateBody());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).has("code")).isFalse();

    String writeOnly = token(uniqueClient(), WRITE, STAR);
    HttpResponse<String> get =
        send(
            request("/v1/receipts/x").header("Authorization", "Bearer " + writeOnly).GET().build());
    assertThat(get.statusCode()).isEqualTo(403);
  }

  @Test
  void accessCategoryNotAllowedIs4575() {
    String guest = token(uniqueClient(), WRITE + " " + READ, "Gæsteadgang");
    HttpResponse<String> r = create(guest, TestCprs.next(), uniqueRequestId(), validCreateBody());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).get("code").asInt()).isEqualTo(4575);

    HttpResponse<String> get =
        send(
            request("/v1/Jobagent")
                .header("Authorization", "Bearer " + guest)
                .header("x-civilRegistrationIdentifier", TestCprs.next())
                .GET()
                .build());
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(json(get).get("code").asInt()).isEqualTo(4575);

    String system = token(uniqueClient(), WRITE, "System - alle borgere");
    assertThat(create(system, TestCprs.next(), uniqueRequestId(), validCreateBody()).statusCode())
        .isEqualTo(202);
  }

  @Test
  void healthIsOpenAndPrometheusShowsTheCounters() {
    assertThat(send(request("/actuator/health/readiness").GET().build()).statusCode())
        .isEqualTo(200);
    assertThat(send(request("/actuator/health/liveness").GET().build()).statusCode())
        .isEqualTo(200);
    create(writer(uniqueClient()), TestCprs.next(), uniqueRequestId(), validCreateBody());
    String metrics = send(request("/actuator/prometheus").GET().build()).body();
    assertThat(metrics)
        .contains("jobagent_ingest_requests_total")
        .contains("outcome=\"accepted\"")
        .contains("jobagent_outbox_backlog");
  }
}
