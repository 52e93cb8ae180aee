package dk.jobagent.worker.enrolment;

import static dk.jobagent.worker.CommandTestSupport.createBody;
import static dk.jobagent.worker.CommandTestSupport.newClientId;
import static dk.jobagent.worker.CommandTestSupport.newCpr;
import static dk.jobagent.worker.CommandTestSupport.profession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.FaultInjection.FlakyRuleDataLoader;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.enrolment.ProcessingResult.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The set-based path: a batch of commands judged and applied in one transaction, with the same
 * outcomes as one by one. Request rows are stored as ingest-api stores them; the commands are
 * handed to the processor directly (the listener's batching is covered by the messaging tests).
 */
class CommandBatchProcessingTest extends WorkerIntegrationTest {

  @Autowired CommandBatchProcessor batch;
  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;
  @Autowired FlakyRuleDataLoader flaky;

  CommandTestSupport t;
  String client;
  String occupation;
  Instant now;

  @BeforeEach
  void setUp() {
    t = new CommandTestSupport(jdbc, rabbit, admin, json);
    client = newClientId();
    occupation = t.occupation("Aktiv");
    now = Instant.now();
  }

  @Test
  void aMixedBatchGetsEachCommandsOwnOutcomeAndLeavesTheRestToTheOneByOnePath() {
    String enrolled = t.person(newCpr());
    String unknown = newCpr(); // not in the person register
    String leaving = t.person(newCpr());
    t.openEnrolment(leaving, LocalDate.now().minusDays(30));
    String notEnrolled = t.person(newCpr());
    String updating = t.person(newCpr());
    UUID target = UUID.randomUUID();

    List<EnrolmentCommand> commands = new ArrayList<>();
    String create = add(commands, Operation.CREATE, enrolled, profession(occupation, target));
    String createUnknown = add(commands, Operation.CREATE, unknown, null);
    String delete = add(commands, Operation.DELETE, leaving, null);
    String deleteNone = add(commands, Operation.DELETE, notEnrolled, null);
    String secondForSameCitizen =
        add(commands, Operation.CREATE, enrolled, profession(occupation, UUID.randomUUID()));
    String update = add(commands, Operation.UPDATE, updating, null);
    commands.add(new EnrolmentCommand(client, "req-never-stored", Operation.CREATE, now));

    List<ProcessingResult> results = batch.process(commands);

    assertThat(results).hasSize(7);
    assertThat(results.get(0).outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(results.get(1))
        .isEqualTo(new ProcessingResult(Outcome.REJECTED, Operation.CREATE, ErrorCode.UNKNOWN_CPR));
    assertThat(results.get(2).outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(results.get(3).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(results.get(4)).as("same citizen: after the batch, on its own").isNull();
    assertThat(results.get(5)).as("UpdateJobagent: on its own").isNull();
    assertThat(results.get(6).outcome()).isEqualTo(Outcome.REQUEST_NOT_FOUND);

    assertThat(t.receipt(client, create).status()).isEqualTo("COMPLETED");
    assertThat(t.receipt(client, create).result().get("JobCenterReceipt").asString())
        .startsWith("Enrolled from");
    assertThat(t.receipt(client, createUnknown).errorCodes()).startsWith(1010);
    assertThat(t.receipt(client, delete).status()).isEqualTo("COMPLETED");
    assertThat(t.receipt(client, deleteNone).status()).isEqualTo("REJECTED");
    assertThat(t.receipt(client, deleteNone).errorCodes()).containsExactly(4589);
    assertThat(t.receipt(client, secondForSameCitizen).status()).isEqualTo("PENDING");
    assertThat(t.receipt(client, update).status()).isEqualTo("PENDING");

    assertThat(openEnrolments(enrolled)).isEqualTo(1);
    assertThat(jobTargets(enrolled)).containsExactly(target.toString());
    assertThat(openEnrolments(leaving)).isZero();
    assertThat(openEnrolments(unknown)).isZero();
    // one effect record per completed command, none for the rejected ones
    assertThat(auditOperations(create)).containsExactly("EnrolmentStarted");
    assertThat(auditOperations(delete)).containsExactly("EnrolmentEnded");
    assertThat(auditOperations(createUnknown)).isEmpty();
  }

  @Test
  void aBatchThatIsAlreadyDoneChangesNothing() {
    String cpr = t.person(newCpr());
    List<EnrolmentCommand> commands = new ArrayList<>();
    add(commands, Operation.CREATE, cpr, profession(occupation, UUID.randomUUID()));
    add(commands, Operation.CREATE, t.person(newCpr()), null);
    batch.process(commands);

    List<ProcessingResult> again = batch.process(commands);

    assertThat(again).extracting(ProcessingResult::outcome).containsOnly(Outcome.ALREADY_FINAL);
    assertThat(openEnrolments(cpr)).isEqualTo(1);
  }

  @Test
  void aFailureRollsTheWholeBatchBack() {
    String healthy = t.person(newCpr());
    String broken = t.person(newCpr());
    List<EnrolmentCommand> commands = new ArrayList<>();
    String first = add(commands, Operation.CREATE, healthy, null);
    String second = add(commands, Operation.CREATE, broken, null);
    flaky.failNext(broken, 1, () -> new IllegalStateException("test: register bug"));

    assertThatThrownBy(() -> batch.process(commands)).hasMessageContaining("register bug");

    assertThat(t.receipt(client, first).status()).isEqualTo("PENDING");
    assertThat(t.receipt(client, second).status()).isEqualTo("PENDING");
    assertThat(openEnrolments(healthy)).isZero();
    // and the batch, redone, completes both
    assertThat(batch.process(commands))
        .extracting(ProcessingResult::outcome)
        .containsOnly(Outcome.COMPLETED);
  }

  private String add(
      List<EnrolmentCommand> commands,
      Operation operation,
      String cpr,
      java.util.Map<String, Object> profession) {
    java.util.Map<String, Object> body =
        operation == Operation.DELETE
            ? null
            : createBody(
                now,
                List.of(
                    profession == null ? profession(occupation, UUID.randomUUID()) : profession));
    String requestId = t.request(client, operation, cpr, body, now);
    commands.add(new EnrolmentCommand(client, requestId, operation, now));
    return requestId;
  }

  private long openEnrolments(String cpr) {
    return jdbc.sql("select count(*) from enrolment where cpr = :cpr and end_date is null")
        .param("cpr", cpr)
        .query(Long.class)
        .single();
  }

  private List<String> jobTargets(String cpr) {
    return jdbc.sql(
            "select w.job_target_id::text from job_wish w join enrolment e on e.id ="
                + " w.enrolment_id where e.cpr = :cpr")
        .param("cpr", cpr)
        .query(String.class)
        .list();
  }

  private List<String> auditOperations(String requestId) {
    return jdbc.sql(
            "select operation from audit_event where actor = :client and request_id = :request")
        .param("client", client)
        .param("request", requestId)
        .query(String.class)
        .list();
  }
}
