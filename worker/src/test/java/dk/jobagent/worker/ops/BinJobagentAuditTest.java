package dk.jobagent.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.testing.BinJobagent;
import dk.jobagent.testing.BinJobagent.Run;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.audit.AuditLog;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** {@code bin/jobagent audit --cpr}: finds the citizen's records and never prints a full CPR. */
class BinJobagentAuditTest extends WorkerIntegrationTest {

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
    Run run = BinJobagent.worker(temp, worker.url(), token, "audit", "--cpr", cpr);
    String stdout = run.out();
    String stderr = run.err();

    assertThat(run.exit()).as(stderr).isZero();
    assertThat(stdout)
        .contains("\"actor\":\"client-x\"")
        .doesNotContain("client-y")
        .contains(cpr.substring(0, 6) + "****")
        .doesNotContain(cpr);
    assertThat(stderr).doesNotContain(cpr);
  }
}
