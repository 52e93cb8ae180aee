package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WriteSyntaxTest extends IngestTestBase {

  private final String client = uniqueClient();
  private final String token = writer(client);

  @Test
  void acceptedCreateIsStoredWithItsOutboxRowAndPointsAtTheReceipt() {
    String cpr = TestCprs.next();
    String id = uniqueRequestId();
    HttpResponse<String> r = create(token, cpr, id, validCreateBody());

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Location")).hasValue("/v1/receipts/" + id);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    Map<String, Object> row =
        jdbc.sql(
                "select operation, cpr, status, access_category, body->>'EnrollmentDate' as d,"
                    + " octet_length(body_hash) as hl, trace_parent from request"
                    + " where client_id = ? and request_id = ?")
            .params(client, id)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("operation", "CREATE")
        .containsEntry("cpr", cpr)
        .containsEntry("status", "PENDING")
        .containsEntry("access_category", STAR)
        .containsEntry("d", "2026-11-27")
        .containsEntry("hl", 32);
    assertThat((String) row.get("trace_parent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void deleteOnBothPathsIsAcceptedWithoutBody() {
    for (String path : List.of("/v1/UpdateJobagent", "/v1/Jobagent")) {
      String id = uniqueRequestId();
      HttpResponse<String> r = write("DELETE", path, token, TestCprs.next(), id, null);
      assertThat(r.statusCode()).as(path).isEqualTo(202);
      assertThat(
              jdbc.sql("select operation from request where client_id = ? and request_id = ?")
                  .params(client, id)
                  .query(String.class)
                  .single())
          .isEqualTo("DELETE");
    }
  }

  @Test
  void badOrMissingCprIs1001WithoutEchoingIt() {
    for (String cpr : new String[] {null, "3213901234", "12345", "010190123456", "x1x"}) {
      HttpResponse<String> r = create(token, cpr, uniqueRequestId(), validCreateBody());
      assertThat(r.statusCode()).as("cpr %s", cpr).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(r).get("code").asInt()).isEqualTo(1001);
      if (cpr != null) {
        assertThat(r.body()).doesNotContain(cpr);
      }
    }
  }

  @Test
  void cprIsCheckedBeforeRequestIdAndBody() {
    HttpResponse<String> r = create(token, "99", null, "{not json");
    assertThat(json(r).get("code").asInt()).isEqualTo(1001);
  }

  @Test
  void missingOrTooLongRequestIdIs1014() {
    HttpResponse<String> missing = create(token, TestCprs.next(), null, validCreateBody());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("code").asInt()).isEqualTo(1014);
    assertThat(json(missing).get("errors").toString()).contains("x-requestId");

    HttpResponse<String> tooLong =
        create(token, TestCprs.next(), "r".repeat(47), validCreateBody());
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(json(tooLong).get("code").asInt()).isEqualTo(1014);

    HttpResponse<String> longest =
        create(
            token,
            TestCprs.next(),
            (uniqueRequestId() + "-abcdef").substring(0, 46),
            validCreateBody());
    assertThat(longest.statusCode()).isEqualTo(202);
  }

  @Test
  void invalidJsonIs1014() {
    HttpResponse<String> r = create(token, TestCprs.next(), uniqueRequestId(), "{\"a\":");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json(r);
    assertThat(p.get("code").asInt()).isEqualTo(1014);
    assertThat(p.get("errors").isArray()).isTrue();
    assertThat(p.get("errors")).isNotEmpty();
  }

  @Test
  void schemaErrorsListEveryField() {
    String body =
        """
        {"EnrollmentDate":"2026-02-30","EmailAddressIdentifier":"no-at-sign",
         "CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG",
         "Profession":[{"ConceptUriDa":"http://x","HasEducation":"yes","jobTargetIdentifier":"nope"}]}
        """;
    HttpResponse<String> r = create(token, TestCprs.next(), uniqueRequestId(), body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json(r);
    assertThat(p.get("code").asInt()).isEqualTo(1014);
    String errors = p.get("errors").toString();
    assertThat(p.get("errors").size()).isGreaterThanOrEqualTo(4);
    assertThat(errors)
        .contains("ClientCategoryTypeIdentifier")
        .contains("EnrollmentDate")
        .contains("EmailAddressIdentifier")
        .contains("HasEducation")
        .contains("jobTargetIdentifier");
  }

  @Test
  void updateRequiresTheBookingMembers() {
    HttpResponse<String> r =
        write(
            "PUT",
            "/v1/UpdateJobagent",
            token,
            TestCprs.next(),
            uniqueRequestId(),
            validCreateBody());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("errors").toString()).contains("BookingStartTime");
  }

  @Test
  void deleteWithABodyIs1014() {
    HttpResponse<String> r =
        write("DELETE", "/v1/Jobagent", token, TestCprs.next(), uniqueRequestId(), "{\"a\":1}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("code").asInt()).isEqualTo(1014);
  }

  @Test
  void frameworkErrorsAreProblemsToo() {
    HttpResponse<String> tooLarge =
        create(
            token,
            TestCprs.next(),
            uniqueRequestId(),
            "{\"EmailAddressIdentifier\":\"" + "a".repeat(1_100_000) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> notJson =
        send(
            request("/v1/Jobagent")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .header("x-civilRegistrationIdentifier", TestCprs.next())
                .header("x-requestId", uniqueRequestId())
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build());
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(json(notJson).get("status").asInt()).isEqualTo(415);

    HttpResponse<String> patch =
        send(
            request("/v1/Jobagent")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(patch.statusCode()).isEqualTo(405);
    assertThat(patch.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> unknown =
        send(request("/v1/nothing-here").header("Authorization", "Bearer " + token).build());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
