package dk.jobagent.worker.ops;

import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** The worker's operator surface in the shared context: metric names and the readiness group. */
class OpsEndpointsTest extends WorkerIntegrationTest {

  @Autowired WebApplicationContext context;
  @Autowired HealthEndpointGroups healthGroups;
  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    // built here rather than with @AutoConfigureMockMvc, so the module keeps one cached context
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  private MvcResult call(String path) throws Exception {
    return mvc.perform(get(path)).andReturn();
  }

  @Test
  void prometheusShowsCommandDlqAndBreakerMetrics() throws Exception {
    CommandTestSupport t = new CommandTestSupport(jdbc, rabbit, admin, json);
    String client = newClientId();
    String cpr = t.person(newCpr());
    t.openEnrolment(cpr, LocalDate.now().minusDays(3));
    String requestId = t.submit(client, Operation.DELETE, cpr, null);
    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");

    MvcResult scrape = call("/actuator/prometheus");

    assertThat(scrape.getResponse().getStatus()).isEqualTo(200);
    assertThat(scrape.getResponse().getContentAsString())
        .containsPattern(
            "jobagent_commands_processed_total\\{code=\"none\",operation=\"DELETE\",outcome=\"COMPLETED\"}")
        .contains("jobagent_commands_processing_seconds_bucket{")
        .contains("jobagent_commands_dlq_depth ")
        .contains("jobagent_dead_letters ")
        .contains("resilience4j_circuitbreaker_state{name=\"booking\",state=\"closed\"}");
  }

  @Test
  void readinessIsDatabaseAndBrokerNotTheBookingCircuitAndFlips() throws Exception {
    HealthEndpointGroup readiness = healthGroups.get("readiness");
    assertThat(readiness.isMember("db")).isTrue();
    assertThat(readiness.isMember("rabbit")).isTrue();
    assertThat(readiness.isMember("readinessState")).isTrue();
    assertThat(readiness.isMember("booking")).isFalse();
    MvcResult up = call("/actuator/health/readiness");
    assertThat(up.getResponse().getStatus()).isEqualTo(200);
    assertThat(up.getResponse().getContentAsString()).contains("\"UP\"");

    try {
      AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
      MvcResult refusing = call("/actuator/health/readiness");
      assertThat(refusing.getResponse().getStatus()).isEqualTo(503);
      assertThat(refusing.getResponse().getContentAsString()).contains("OUT_OF_SERVICE");
      assertThat(call("/actuator/health/liveness").getResponse().getStatus()).isEqualTo(200);
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(call("/actuator/health/readiness").getResponse().getStatus()).isEqualTo(200);
  }
}
