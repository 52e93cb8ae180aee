package dk.jobagent.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.TestCprs;
import dk.jobagent.schemas.audit.CprHash;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every read and accepted write of a citizen's data leaves exactly one audit record. */
class IngestAuditTest extends IngestTestBase {

  private static final CprHash HASH = new CprHash(CprHash.DEV_SECRET);

  @Test
  void acceptedWriteLeavesOneRecordAndItsRepeatNone() {
    String client = uniqueClient();
    String cpr = TestCprs.next();
    String requestId = uniqueRequestId();
    String body = validCreateBody();

    assertThat(create(writer(client), cpr, requestId, body).statusCode()).isEqualTo(202);
    assertThat(create(writer(client), cpr, requestId, body).statusCode()).isEqualTo(412);

    List<Map<String, Object>> rows = records(cpr);
    assertThat(rows).hasSize(1);
    Map<String, Object> r = rows.getFirst();
    assertThat(r)
        .containsEntry("actor", client)
        .containsEntry("access_category", STAR)
        .containsEntry("operation", "CreateJobagent")
        .containsEntry("request_id", requestId)
        .containsEntry("outcome", "ACCEPTED")
        .containsEntry("cpr_masked", cpr.substring(0, 6) + "****");
    assertThat(r.get("occurred_at")).isNotNull();
    assertNoFullCpr(cpr);
  }

  @Test
  void deleteIsRecordedUnderItsOwnName() {
    String client = uniqueClient();
    String cpr = TestCprs.next();
    String requestId = uniqueRequestId();

    assertThat(
            write("DELETE", "/v1/UpdateJobagent", writer(client), cpr, requestId, null)
                .statusCode())
        .isEqualTo(202);

    assertThat(records(cpr))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("operation", "DeleteJobagent"));
  }

  @Test
  void getJobagentLeavesOneRecordWithStatusAndCode() {
    String client = uniqueClient();
    String cpr = TestCprs.next();

    HttpResponse<String> r = get(token(client, READ, STAR), cpr);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(records(cpr))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("actor", client)
                    .containsEntry("operation", "GetJobagent")
                    .containsEntry("outcome", "404")
                    .containsEntry("code", 1010));
    assertNoFullCpr(cpr);
  }

  @Test
  void refusedCprSyntaxIsNotACitizenRead() {
    String before = countAll();
    assertThat(get(token(uniqueClient(), READ, STAR), "3213901234").statusCode()).isEqualTo(400);
    assertThat(countAll()).isEqualTo(before);
  }

  @Test
  void receiptReadLeavesOneRecordPerAnsweredRead() {
    String client = uniqueClient();
    String cpr = TestCprs.next();
    String requestId = uniqueRequestId();
    assertThat(create(writer(client), cpr, requestId, validCreateBody()).statusCode())
        .isEqualTo(202);

    HttpResponse<String> receipt =
        send(
            request("/v1/receipts/" + requestId)
                .header("Authorization", "Bearer " + writer(client))
                .GET()
                .build());
    assertThat(receipt.statusCode()).isEqualTo(200);
    // another client's read of the same id is a 404 and touches no citizen's data
    assertThat(
            send(request("/v1/receipts/" + requestId)
                    .header("Authorization", "Bearer " + writer(uniqueClient()))
                    .GET()
                    .build())
                .statusCode())
        .isEqualTo(404);

    List<Map<String, Object>> rows = records(cpr);
    assertThat(rows)
        .extracting(m -> m.get("operation"))
        .containsExactly("GetReceipt", "CreateJobagent");
    assertThat(rows.getFirst())
        .containsEntry("actor", client)
        .containsEntry("request_id", requestId)
        .containsEntry("outcome", "PENDING");
  }

  private HttpResponse<String> get(String token, String cpr) {
    return send(
        request("/v1/Jobagent")
            .header("Authorization", "Bearer " + token)
            .header("x-civilRegistrationIdentifier", cpr)
            .GET()
            .build());
  }

  private List<Map<String, Object>> records(String cpr) {
    return jdbc.sql(
            "select occurred_at, actor, access_category, operation, request_id, outcome, code,"
                + " cpr_masked from audit_event where cpr_hmac = ? order by occurred_at desc, id desc")
        .param(HASH.hmac(cpr))
        .query()
        .listOfRows();
  }

  private String countAll() {
    return jdbc.sql("select count(*)::text from audit_event").query(String.class).single();
  }

  private void assertNoFullCpr(String cpr) {
    assertThat(
            jdbc.sql("select count(*) from audit_event a where a::text like ?")
                .param("%" + cpr + "%")
                .query(Long.class)
                .single())
        .isZero();
  }
}
