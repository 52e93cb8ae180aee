package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogTest extends WorkerIntegrationTest {

  @Autowired AuditLog audit;
  @Autowired CprHash hash;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void recordForRequestTakesTheAccessCategoryFromTheRequestRow() {
    String client = "client-" + UUID.randomUUID();
    String cpr = CommandTestSupport.newCpr();
    jdbc.sql(
            "insert into request (client_id, request_id, operation, cpr, access_category,"
                + " body_hash, received_at) values (?, 'r1', 'DELETE', ?, 'Egne borgere', '\\x00',"
                + " now())")
        .params(client, cpr)
        .update();

    audit.recordForRequest(client, "r1", AuditLog.ENROLMENT_ENDED, "COMPLETED", null, cpr, null);

    assertThat(rows(client))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("access_category", "Egne borgere")
                    .containsEntry("operation", AuditLog.ENROLMENT_ENDED)
                    .containsEntry("cpr_masked", cpr.substring(0, 6) + "****")
                    .containsEntry("found", true));
  }

  @Test
  void recordForRequestRowFindsTheCprInTheRequestRowOrRecordsWithoutOne() {
    String client = "client-" + UUID.randomUUID();
    String cpr = CommandTestSupport.newCpr();
    jdbc.sql(
            "insert into request (client_id, request_id, operation, cpr, access_category,"
                + " body_hash, received_at) values (?, 'r1', 'UPDATE', ?, 'STAR', '\\x00', now())")
        .params(client, cpr)
        .update();

    audit.recordForRequestRow(client, "r1", AuditLog.BOOKING_CANCELLED, "CANCELLED", null);
    audit.recordForRequestRow(client, "purged", AuditLog.BOOKING_CANCELLED, "CANCELLED", null);

    assertThat(rows(client))
        .extracting(r -> r.get("request_id") + "/" + r.get("cpr_masked") + "/" + r.get("found"))
        .containsExactlyInAnyOrder("r1/" + cpr.substring(0, 6) + "****/true", "purged/null/false");
  }

  @Test
  void recordLinesWritesOneRecordPerLineAndRollsBackWithItsTransaction() {
    String actor = "bulk-" + UUID.randomUUID();
    String a = CommandTestSupport.newCpr();
    String b = CommandTestSupport.newCpr();
    List<AuditLog.Line> lines =
        List.of(
            new AuditLog.Line("l1", a, "COMPLETED", null),
            new AuditLog.Line("l2", b, "REJECTED", 4589));

    tx.executeWithoutResult(
        s -> {
          audit.recordLines(actor, "System - alle borgere", AuditLog.BULK_LINE, lines);
          s.setRollbackOnly();
        });
    assertThat(rows(actor)).isEmpty();

    audit.recordLines(actor, "System - alle borgere", AuditLog.BULK_LINE, lines);
    assertThat(rows(actor))
        .extracting(r -> r.get("request_id") + "/" + r.get("outcome") + "/" + r.get("code"))
        .containsExactlyInAnyOrder("l1/COMPLETED/null", "l2/REJECTED/4589");
    assertThat(
            jdbc.sql("select count(*) from audit_event where cpr_hmac = ?")
                .param(hash.hmac(b))
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private List<Map<String, Object>> rows(String actor) {
    return jdbc.sql(
            "select access_category, operation, request_id, outcome, code, cpr_masked,"
                + " cpr_hmac is not null as found from audit_event where actor = ?")
        .param(actor)
        .query()
        .listOfRows();
  }
}
