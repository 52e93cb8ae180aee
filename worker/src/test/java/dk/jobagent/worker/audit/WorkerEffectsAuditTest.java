package dk.jobagent.worker.audit;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Each effect of a processed command leaves exactly one audit record; a rejection none. */
class WorkerEffectsAuditTest extends WorkerIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired CprHash hash;

  CommandTestSupport t;
  String client;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    client = newClientId();
  }

  @Test
  void createLeavesOneEnrolmentStartedRecord() {
    String cpr = t.person(newCpr());
    String occupation = t.occupation("Aktiv");
    String requestId =
        t.submit(
            client,
            Operation.CREATE,
            cpr,
            createBody(Instant.now(), List.of(profession(occupation, UUID.randomUUID()))));

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");

    assertThat(records(cpr))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("actor", client)
                    .containsEntry("access_category", "STAR")
                    .containsEntry("operation", AuditLog.ENROLMENT_STARTED)
                    .containsEntry("request_id", requestId)
                    .containsEntry("outcome", "COMPLETED")
                    .containsEntry("cpr_masked", cpr.substring(0, 6) + "****"));
  }

  @Test
  void deleteLeavesOneEnrolmentEndedRecord() {
    String cpr = t.person(newCpr());
    t.openEnrolment(cpr, LocalDate.now().minusDays(10));
    String requestId = t.submit(client, Operation.DELETE, cpr, null);

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");

    assertThat(records(cpr))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("operation", AuditLog.ENROLMENT_ENDED));
  }

  @Test
  void aRejectedCommandHasNoEffectAndNoEffectRecord() {
    String cpr = newCpr(); // not in the person register: 1010
    String requestId =
        t.submit(client, Operation.CREATE, cpr, createBody(Instant.now(), List.of()));

    assertThat(t.awaitFinal(client, requestId).status()).isEqualTo("REJECTED");

    assertThat(records(cpr)).isEmpty();
  }

  private List<Map<String, Object>> records(String cpr) {
    return jdbc.sql(
            "select actor, access_category, operation, request_id, outcome, cpr_masked"
                + " from audit_event where cpr_hmac = ? order by id")
        .param(hash.hmac(cpr))
        .query()
        .listOfRows();
  }
}
