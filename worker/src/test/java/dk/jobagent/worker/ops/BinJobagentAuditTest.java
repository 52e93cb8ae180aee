package dk.jobagent.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.audit.AuditLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** {@code bin/jobagent audit --cpr}: finds the citizen's records and never prints a full CPR. */
class BinJobagentAuditTest extends WorkerIntegrationTest {

  private static final Path SCRIPT = Path.of("..", "bin", "jobagent").toAbsolutePath().normalize();

  @Autowired WebApplicationContext context;
  @Autowired AuditLog audit;
  @TempDir Path temp;
  MockMvcHttpBridge worker;

  @BeforeEach
  void startBridge() throws Exception {
    worker =
        new MockMvcHttpBridge(
            MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build());
  }

  @AfterEach
  void stopBridge() {
    worker.close();
  }

  @Test
  void auditFindsTheCitizensRecordsByCprAndPrintsItMaskedOnly() throws Exception {
    String cpr = CommandTestSupport.newCpr();
    audit.record("client-x", "STAR", "GetJobagent", null, "200", null, cpr);
    audit.record("client-y", "STAR", "GetJobagent", null, "200", null, CommandTestSupport.newCpr());

    String token = DevTokens.mint("operator-test", DevTokens.SCOPE_ADMIN, "STAR");
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "audit", "--cpr", cpr));
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT.getParent().toFile());
    Map<String, String> env = builder.environment();
    String path = env.get("PATH");
    env.clear();
    env.put("PATH", path);
    env.put("JOBAGENT_WORKER_URL", worker.url());
    env.put("JOBAGENT_TOKEN", token);
    env.put("JOBAGENT_DEV_KEY", "false");
    File out = temp.resolve("out-" + UUID.randomUUID()).toFile();
    File err = temp.resolve("err-" + UUID.randomUUID()).toFile();
    Process p = builder.redirectOutput(out).redirectError(err).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
    String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stdout)
        .contains("\"actor\":\"client-x\"")
        .doesNotContain("client-y")
        .contains(cpr.substring(0, 6) + "****")
        .doesNotContain(cpr);
    assertThat(stderr).doesNotContain(cpr);
  }
}
