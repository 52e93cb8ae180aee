package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.security.DevKeyJwtDecoderConfig;
import dk.jobagent.worker.security.WorkerSecurityConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin endpoint over HTTP with the worker's real security chain and a real loader on the test
 * database. A web slice: none of the worker's listeners start here.
 */
@WebMvcTest(useDefaultFilters = false)
@Import({
  ReferenceAdminController.class,
  WorkerSecurityConfig.class,
  DevKeyJwtDecoderConfig.class,
  ReferenceAdminControllerTest.RealLoader.class
})
class ReferenceAdminControllerTest {

  private static final MediaType CSV = MediaType.parseMediaType("text/csv");

  @TestConfiguration(proxyBeanMethods = false)
  static class RealLoader {
    @Bean
    ReferenceLoader referenceLoader() {
      return ReferenceDb.loader(1000);
    }
  }

  @Autowired MockMvc mvc;

  private static String bearer(String scopes) {
    return "Bearer " + DevTokens.mint("ops-test", scopes, "STAR", Duration.ofMinutes(5));
  }

  private static byte[] occupations(String uri) {
    return ("concept_uri,label,status\n" + uri + ",Tømrer,Aktiv\nbad,Nope,Aktiv\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void withoutATokenIs401AsProblem() throws Exception {
    mvc.perform(post("/admin/reference/occupations").contentType(CSV).content(occupations("x")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(header().exists("WWW-Authenticate"));
  }

  @Test
  void aTokenWithoutTheAdminScopeIs403AsProblemAndLoadsNothing() throws Exception {
    String uri = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    mvc.perform(
            post("/admin/reference/occupations")
                .header("Authorization", bearer(DevTokens.SCOPE_WRITE + " " + DevTokens.SCOPE_READ))
                .contentType(CSV)
                .content(occupations(uri)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("jobagent.admin")));
    assertThat(count(uri)).isZero();
  }

  @Test
  void aTokenSignedWithAnotherKeyIs401() throws Exception {
    String token = DevTokens.mint("ops-test", DevTokens.SCOPE_ADMIN, "STAR");
    // Change a character in the middle of the signature: the last base64url character also
    // carries padding bits, so changing it can leave the signature bytes (and the token) valid.
    int at = token.lastIndexOf('.') + 10;
    char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, at) + replacement + token.substring(at + 1);
    mvc.perform(
            post("/admin/reference/occupations")
                .header("Authorization", "Bearer " + tampered)
                .contentType(CSV)
                .content(occupations("x")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anAdminLoadsAndGetsTheReport() throws Exception {
    String uri = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    mvc.perform(
            post("/admin/reference/occupations")
                .header("Authorization", bearer(DevTokens.SCOPE_ADMIN))
                .contentType(CSV)
                .content(occupations(uri)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("occupations"))
        .andExpect(jsonPath("$.read").value(2))
        .andExpect(jsonPath("$.upserted").value(1))
        .andExpect(jsonPath("$.rejected").value(1))
        .andExpect(jsonPath("$.rejections[0].line").value(3))
        .andExpect(jsonPath("$.rejections[0].reason").isString());
    assertThat(count(uri)).isEqualTo(1);
  }

  @Test
  void aWrongHeaderIs400AndAnUnknownKindIs404() throws Exception {
    mvc.perform(
            post("/admin/reference/persons")
                .header("Authorization", bearer(DevTokens.SCOPE_ADMIN))
                .contentType(CSV)
                .content("cpr;death_date\n".getBytes(StandardCharsets.UTF_8)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("expected 'cpr,death_date,")));
    mvc.perform(
            post("/admin/reference/employers")
                .header("Authorization", bearer(DevTokens.SCOPE_ADMIN))
                .contentType(CSV)
                .content("x\n".getBytes(StandardCharsets.UTF_8)))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  private static long count(String uri) {
    return JdbcClient.create(ReferenceDb.dataSource())
        .sql("select count(*) from occupation where concept_uri = ?")
        .param(uri)
        .query(Long.class)
        .single();
  }
}
