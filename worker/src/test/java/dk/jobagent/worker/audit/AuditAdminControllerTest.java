package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** GET /admin/audit: a citizen's records newest first, masked, and the read itself audited. */
class AuditAdminControllerTest extends WorkerIntegrationTest {

  private static final String ADMIN =
      "Bearer " + DevTokens.mint("auditor", DevTokens.SCOPE_ADMIN, "STAR");

  @Autowired WebApplicationContext context;
  @Autowired AuditLog audit;
  @Autowired CprHash hash;
  @Autowired JdbcClient jdbc;
  MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void listsNewestFirstWithMaskedCprsAndAuditsTheRead() throws Exception {
    String cpr = CommandTestSupport.newCpr();
    Instant now = Instant.now();
    insertAt(now.minus(2, ChronoUnit.HOURS), "client-a", "CreateJobagent", cpr);
    insertAt(now.minus(1, ChronoUnit.HOURS), "client-b", "GetJobagent", cpr);
    insertAt(
        now.minus(1, ChronoUnit.HOURS), "client-c", "GetJobagent", CommandTestSupport.newCpr());

    String body =
        mvc.perform(get("/admin/audit").header("Authorization", ADMIN).header(CPR_HEADER, cpr))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.cpr").value(cpr.substring(0, 6) + "****"))
            .andExpect(jsonPath("$.count").value(2))
            .andExpect(jsonPath("$.records[0].actor").value("client-b"))
            .andExpect(jsonPath("$.records[1].actor").value("client-a"))
            .andExpect(jsonPath("$.records[0].cpr").value(cpr.substring(0, 6) + "****"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain(cpr);

    // the read left its own record, found by the next read (newest first)
    mvc.perform(get("/admin/audit").header("Authorization", ADMIN).header(CPR_HEADER, cpr))
        .andExpect(jsonPath("$.count").value(3))
        .andExpect(jsonPath("$.records[0].operation").value(AuditLog.AUDIT_READ))
        .andExpect(jsonPath("$.records[0].actor").value("auditor"));
    assertThat(
            jdbc.sql("select count(*) from audit_event where cpr_hmac = ? and operation = ?")
                .params(hash.hmac(cpr), AuditLog.AUDIT_READ)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void fromAndToLimitTheRange() throws Exception {
    String cpr = CommandTestSupport.newCpr();
    Instant now = Instant.now();
    insertAt(now.minus(40, ChronoUnit.DAYS), "old", "GetJobagent", cpr);
    insertAt(now.minus(1, ChronoUnit.HOURS), "recent", "GetJobagent", cpr);
    String from = now.minus(10, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC).toLocalDate().toString();

    mvc.perform(
            get("/admin/audit")
                .param("from", from)
                .header("Authorization", ADMIN)
                .header(CPR_HEADER, cpr))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.count").value(1))
        .andExpect(jsonPath("$.records[0].actor").value("recent"));
    String to = now.minus(10, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC).toString();
    mvc.perform(
            get("/admin/audit")
                .param("to", to)
                .header("Authorization", ADMIN)
                .header(CPR_HEADER, cpr))
        .andExpect(jsonPath("$.records[0].actor").value("old"));
  }

  @Test
  void refusesBadQueriesAndCallersWithoutTheAdminScope() throws Exception {
    String cpr = CommandTestSupport.newCpr();
    mvc.perform(get("/admin/audit").header("Authorization", ADMIN).header(CPR_HEADER, "12345"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value(1001));
    mvc.perform(get("/admin/audit").header("Authorization", ADMIN))
        .andExpect(status().isBadRequest());
    mvc.perform(
            get("/admin/audit")
                .param("from", "yesterday")
                .header("Authorization", ADMIN)
                .header(CPR_HEADER, cpr))
        .andExpect(status().isBadRequest());
    String reader = "Bearer " + DevTokens.mint("x", DevTokens.SCOPE_READ, "STAR");
    mvc.perform(get("/admin/audit").header("Authorization", reader).header(CPR_HEADER, cpr))
        .andExpect(status().isForbidden());
    assertThat(
            jdbc.sql("select count(*) from audit_event where cpr_hmac = ?")
                .param(hash.hmac(cpr))
                .query(Long.class)
                .single())
        .isZero();
  }

  private static final String CPR_HEADER = "x-civilRegistrationIdentifier";

  private void insertAt(Instant at, String actor, String operation, String cpr) {
    jdbc.sql(
            "insert into audit_event (occurred_at, actor, operation, outcome, cpr_hmac, cpr_masked)"
                + " values (?, ?, ?, 'OK', ?, ?)")
        .params(at.atOffset(ZoneOffset.UTC), actor, operation, hash.hmac(cpr), CprHash.masked(cpr))
        .update();
  }
}
