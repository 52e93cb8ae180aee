package dk.jobagent.worker.security;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The security chain in the worker's real (shared) application context: probes and scraping open,
 * admin and the other actuator endpoints behind {@code jobagent.admin} (as in ingest-api),
 * everything else behind a valid token.
 */
class WorkerSecurityTest extends WorkerIntegrationTest {

  @Autowired WebApplicationContext context;
  MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    // built here rather than with @AutoConfigureMockMvc, so the module keeps one cached context
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  private static String bearer(String scopes) {
    return "Bearer " + DevTokens.mint("security-test", scopes, "STAR");
  }

  @Test
  void probesAndScrapingNeedNoToken() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
  }

  @Test
  void otherActuatorEndpointsNeedTheAdminScope() throws Exception {
    for (String path : new String[] {"/actuator/metrics", "/actuator/metrics/jvm.threads.live"}) {
      mvc.perform(get(path))
          .andExpect(status().isUnauthorized())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      // a valid token is not enough: the meters and their tags are operator information
      mvc.perform(
              get(path)
                  .header(
                      "Authorization", bearer(DevTokens.SCOPE_READ + " " + DevTokens.SCOPE_WRITE)))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.status").value(403));
      mvc.perform(get(path).header("Authorization", bearer(DevTokens.SCOPE_ADMIN)))
          .andExpect(status().isOk());
    }
    mvc.perform(get("/actuator").header("Authorization", bearer(DevTokens.SCOPE_READ)))
        .andExpect(status().isForbidden());
  }

  @Test
  void adminNeedsTheAdminScope() throws Exception {
    String uri = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    byte[] csv =
        ("concept_uri,label,status\n" + uri + ",Sikkerhedsvagt,Aktiv\n")
            .getBytes(StandardCharsets.UTF_8);
    mvc.perform(
            post("/admin/reference/occupations")
                .header("Authorization", bearer(DevTokens.SCOPE_WRITE + " " + DevTokens.SCOPE_READ))
                .contentType("text/csv")
                .content(csv))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403));
    mvc.perform(
            post("/admin/reference/occupations")
                .header("Authorization", bearer(DevTokens.SCOPE_ADMIN))
                .contentType("text/csv")
                .content(csv))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.upserted").value(1));
  }
}
