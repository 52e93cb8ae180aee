package dk.jobagent.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.testing.BinJobagent;
import dk.jobagent.testing.BinJobagent.Run;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.deadletter.StoredDeadLetters;
import dk.jobagent.worker.deadletter.StoredDeadLetters.Stored;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs the real operator script {@code bin/jobagent} (SPEC §8) against the worker: each command's
 * exit code and what it prints. The script reaches the worker over real HTTP (see {@link
 * MockMvcHttpBridge}) with a bearer token in {@code JOBAGENT_TOKEN}; {@code JOBAGENT_DEV_KEY=false}
 * makes sure it never falls back to building the project to mint one.
 */
class BinJobagentTest extends WorkerIntegrationTest {

  private static final Path SCRIPT = BinJobagent.SCRIPT;
  private static final String ADMIN_TOKEN =
      DevTokens.mint("operator-test", DevTokens.SCOPE_ADMIN, "STAR");

  @Autowired WebApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;

  @TempDir Path temp;

  MockMvcHttpBridge worker;

  @BeforeEach
  void startBridge() throws IOException {
    worker =
        new MockMvcHttpBridge(
            MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build());
  }

  @AfterEach
  void stopBridge() {
    worker.close();
  }

  @Test
  void theScriptIsThere() {
    assertThat(SCRIPT).isRegularFile().isExecutable();
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    Run run = jobagent(ADMIN_TOKEN, "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("usage: bin/jobagent")
        .contains("load <persons|absences|occupations|aliases> FILE")
        .contains("dlq list | redrive [--all | ID...]")
        .contains("token --client ID");
  }

  @Test
  void tokenHelpExplainsTheCommand() throws Exception {
    Run run = jobagent(ADMIN_TOKEN, "token", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("usage: bin/jobagent token --client ID")
        .contains("jobagent.admin");
  }

  @Test
  void loadPersonsPrintsTheCountsAndTheRejectedLine() throws Exception {
    String cpr = CommandTestSupport.newCpr();
    Path csv = temp.resolve("persons.csv");
    Files.writeString(
        csv,
        """
        cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code
        %s,,false,false,true,ops.test@example.dk,101
        not-a-cpr,,false,false,true,,101
        """
            .formatted(cpr),
        StandardCharsets.UTF_8);

    Run run = jobagent(ADMIN_TOKEN, "load", "persons", csv.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"kind\":\"persons\"")
        .contains("\"read\":2")
        .contains("\"upserted\":1")
        .contains("\"rejected\":1")
        .contains("\"line\":3");
    assertThat(
            jdbc.sql("select email from person where cpr = :cpr")
                .param("cpr", cpr)
                .query(String.class)
                .single())
        .isEqualTo("ops.test@example.dk");
  }

  @Test
  void loadWithAMissingFileFailsWithAClearMessage() throws Exception {
    String missing = temp.resolve("no-such-file.csv").toString();

    Run run = jobagent(ADMIN_TOKEN, "load", "persons", missing);

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("cannot read file").contains(missing);
  }

  @Test
  void dlqListShowsADeadLetterWithItsReason() throws Exception {
    Stored dead = poison();

    Run run = jobagent(ADMIN_TOKEN, "dlq", "list");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"id\":\"" + dead.id() + "\"")
        .contains("\"reason\":\"unparseable command");
  }

  @Test
  void dlqRedriveAllRedrivesTheWaitingDeadLetters() throws Exception {
    Stored dead = poison();

    Run run = jobagent(ADMIN_TOKEN, "dlq", "redrive", "--all");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"redriven\":").contains("\"" + dead.id() + "\"");
    // (a poison message dies again at once and waits again: the count shows it was re-driven)
    assertThat(
            jdbc.sql("select redrive_count from dead_letter where id = :id")
                .param("id", dead.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void dlqRedriveOfAnUnknownIdFailsWithThe404() throws Exception {
    Run run = jobagent(ADMIN_TOKEN, "dlq", "redrive", "dl-999999999");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("HTTP 404").contains("dl-999999999");
  }

  @Test
  void anAdminCommandWithATokenLackingTheAdminScopeFailsWithThe403() throws Exception {
    String notAdmin =
        DevTokens.mint("operator-test", DevTokens.SCOPE_READ + " " + DevTokens.SCOPE_WRITE, "STAR");

    Run run = jobagent(notAdmin, "dlq", "list");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("HTTP 403")
        .contains("\"status\":403")
        .contains("jobagent.admin");
    assertThat(run.out()).isEmpty();
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** A poison command, dead-lettered and stored. */
  private Stored poison() {
    String marker = "ops-poison-" + UUID.randomUUID();
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setMessageId(marker);
    rabbit.send(
        Topology.COMMAND_EXCHANGE,
        Operation.CREATE.routingKey(),
        new Message(("{broken " + marker).getBytes(StandardCharsets.UTF_8), props));
    return StoredDeadLetters.await(jdbc, marker);
  }

  private Run jobagent(String token, String... args) throws Exception {
    return BinJobagent.worker(temp, worker.url(), token, args);
  }
}
