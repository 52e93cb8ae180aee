package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetJobagentTest extends IngestTestBase {

  private final String token = token(uniqueClient(), READ, STAR);

  @Test
  void unknownPersonIs1010() {
    HttpResponse<String> r = get(TestCprs.next());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("code").asInt()).isEqualTo(1010);
    HttpResponse<String> unknown = get("0000000000");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("code").asInt()).isEqualTo(1010);
  }

  @Test
  void invalidCprIs1001() {
    HttpResponse<String> r = get("3299001234");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("code").asInt()).isEqualTo(1001);
    assertThat(r.body()).doesNotContain("3299001234");
  }

  @Test
  void personWithoutOpenEnrolmentIs4589() {
    String cpr = person();
    long ended = enrolment(cpr);
    jdbc.sql("update enrolment set end_date = current_date where id = ?").param(ended).update();
    HttpResponse<String> r = get(cpr);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("code").asInt()).isEqualTo(4589);
  }

  @Test
  void openEnrolmentWithItsCurrentJobWishes() {
    String cpr = person();
    long id = enrolment(cpr);
    String concept = occupation();
    UUID target = UUID.randomUUID();
    UUID alias = UUID.randomUUID();
    jdbc.sql(
            "insert into job_wish (enrolment_id, job_target_id, concept_uri, alias_id,"
                + " has_education, year_last_used, months_of_experience) values (?,?,?,?,?,?,?)")
        .params(id, target, concept, alias, true, 2024, 18)
        .update();
    jdbc.sql(
            "insert into job_wish (enrolment_id, job_target_id, concept_uri, has_education,"
                + " ended) values (?,?,?,false,true)")
        .params(id, UUID.randomUUID(), concept)
        .update();

    HttpResponse<String> r = get(cpr);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("ClientCategoryTypeIdentifier").asString()).isEqualTo("DAGPENGE");
    assertThat(body.get("EnrollmentDate").asString()).isEqualTo("2026-11-20");
    assertThat(body.get("CurrentUnemploymentStatusTypeIdentifier").asString())
        .isEqualTo("FULDT_LEDIG");
    assertThat(body.get("EmailAddressIdentifier").asString()).isEqualTo("a@b.dk");
    assertThat(body.get("Profession")).hasSize(1);
    JsonNode wish = body.get("Profession").get(0);
    assertThat(wish.get("ConceptUriDa").asString()).isEqualTo(concept);
    assertThat(wish.get("AliasIdentifier").asString()).isEqualTo(alias.toString());
    assertThat(wish.get("HasEducation").asBoolean()).isTrue();
    assertThat(wish.get("YearLastUsed").asInt()).isEqualTo(2024);
    assertThat(wish.get("MonthsOfExperience").asInt()).isEqualTo(18);
    assertThat(wish.get("jobTargetIdentifier").asString()).isEqualTo(target.toString());
    assertThat(r.body()).doesNotContain("BookingStartTime");
  }

  @Test
  void jobWishForAVanishedOccupationIs9344Conflict() {
    String cpr = person();
    long id = enrolment(cpr);
    jdbc.sql(
            "insert into job_wish (enrolment_id, job_target_id, concept_uri, has_education)"
                + " values (?,?,?,true)")
        .params(id, UUID.randomUUID(), "http://data.europa.eu/esco/occupation/gone-" + id)
        .update();
    HttpResponse<String> r = get(cpr);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("code").asInt()).isEqualTo(9344);
  }

  private HttpResponse<String> get(String cpr) {
    return send(
        request("/v1/Jobagent")
            .header("Authorization", "Bearer " + token)
            .header("x-civilRegistrationIdentifier", cpr)
            .GET()
            .build());
  }

  private String person() {
    String cpr = TestCprs.next();
    jdbc.sql("insert into person (cpr) values (?)").param(cpr).update();
    return cpr;
  }

  private long enrolment(String cpr) {
    return jdbc.sql(
            "insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,"
                + " email, created_by_client, created_request_id)"
                + " values (?, 'DAGPENGE', 'FULDT_LEDIG', date '2026-11-20', 'a@b.dk', 'c', ?)"
                + " returning id")
        .params(cpr, uniqueRequestId())
        .query(Long.class)
        .single();
  }

  private String occupation() {
    String uri = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    jdbc.sql("insert into occupation (concept_uri, label, status) values (?, 'Tømrer', 'Aktiv')")
        .param(uri)
        .update();
    return uri;
  }
}
