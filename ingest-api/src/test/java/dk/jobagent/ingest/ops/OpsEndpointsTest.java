package dk.jobagent.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.TestCprs;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.ApplicationContext;

/** The operator surface: the served contract, Prometheus metric names, the readiness group. */
class OpsEndpointsTest extends IngestTestBase {

  @Autowired HealthEndpointGroups healthGroups;
  @Autowired ApplicationContext context;

  @Test
  void theContractIsServedWithoutAToken() {
    HttpResponse<String> yaml = send(request("/openapi.yaml").GET().build());

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    assertThat(yaml.body()).startsWith("openapi: ").contains("\n  /v1/Jobagent:");

    HttpResponse<String> page = send(request("/openapi.html").GET().build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("url: \"/openapi.yaml\"");
    String script = page.body().replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
    assertThat(send(request(script).GET().build()).statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusShowsAcceptedDuplicatedBacklogAndLag() {
    String client = uniqueClient();
    String cpr = TestCprs.next();
    String requestId = uniqueRequestId();
    String body = validCreateBody();
    assertThat(create(writer(client), cpr, requestId, body).statusCode()).isEqualTo(202);
    assertThat(create(writer(client), cpr, requestId, body).statusCode()).isEqualTo(412);

    String metrics = send(request("/actuator/prometheus").GET().build()).body();

    assertThat(metrics)
        .containsPattern(
            "jobagent_ingest_requests_total\\{[^}]*operation=\"create\",outcome=\"accepted\"[^}]*} [1-9]")
        .containsPattern(
            "jobagent_ingest_requests_total\\{[^}]*operation=\"create\",outcome=\"duplicate\"[^}]*} [1-9]")
        .contains("jobagent_outbox_backlog ")
        .contains("jobagent_outbox_lag_seconds ")
        .contains("http_server_requests_seconds_count");
  }

  @Test
  void readinessIsTheDatabaseNotTheBrokerAndFlipsWithTheReadinessState() {
    HealthEndpointGroup readiness = healthGroups.get("readiness");
    assertThat(readiness.isMember("db")).isTrue();
    assertThat(readiness.isMember("readinessState")).isTrue();
    assertThat(readiness.isMember("rabbit")).isFalse();
    assertThat(send(request("/actuator/health/readiness").GET().build()).statusCode())
        .isEqualTo(200);

    try {
      AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
      HttpResponse<String> refusing = send(request("/actuator/health/readiness").GET().build());
      assertThat(refusing.statusCode()).isEqualTo(503);
      assertThat(refusing.body()).contains("OUT_OF_SERVICE");
      assertThat(send(request("/actuator/health/liveness").GET().build()).statusCode())
          .isEqualTo(200);
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(send(request("/actuator/health/readiness").GET().build()).statusCode())
        .isEqualTo(200);
  }
}
