package dk.jobagent.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Issue #8, scenario 8 for the worker: every endpoint it maps (controllers and actuator, read from
 * the handler mappings, so a new one cannot escape) answers a missing or expired token with a 401
 * problem; every operator endpoint ({@code /admin/**}, and every actuator endpoint but the probes
 * and the scrape, as in ingest-api) refuses a token without {@code jobagent.admin} with a 403
 * problem. Only the probes and the scrape are open.
 */
class WorkerSecuritySweepTest extends WorkerIntegrationTest {

  private static final Set<String> PUBLIC =
      Set.of("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus");

  @Autowired WebApplicationContext context;

  @Test
  void everyEndpointNeedsAValidTokenAndOperatorEndpointsTheAdminScope() throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    String user =
        DevTokens.mint("sweep", DevTokens.SCOPE_WRITE + " " + DevTokens.SCOPE_READ, "STAR");
    String expired = DevTokens.mint("sweep", DevTokens.SCOPE_ADMIN, "STAR", Duration.ofMinutes(-5));
    String admin = DevTokens.mint("sweep", DevTokens.SCOPE_ADMIN, "STAR");
    List<String> failures = new ArrayList<>();
    Set<String> endpoints = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          for (String m :
              methods.isEmpty()
                  ? List.of("GET", "POST")
                  : methods.stream().map(RequestMethod::name).toList()) {
            endpoints.add(m + " " + pattern);
          }
        }
      }
    }
    assertThat(endpoints).anyMatch(e -> e.contains("/admin/"));
    int admins = 0;
    int actuators = 0;
    for (String endpoint : endpoints) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
      String path =
          pattern
              .replaceAll("\\{\\*[^}]+}", "x")
              .replaceAll("\\{[^}]+}", "999999999")
              .replace("/**", "/liveness");
      if (PUBLIC.contains(pattern)) {
        int open = call(mvc, method, path, null).getStatus();
        if (open == 401 || open == 403) {
          failures.add(endpoint + ": public, but " + open);
        }
        continue;
      }
      expect(failures, endpoint, call(mvc, method, path, null), 401);
      expect(failures, endpoint, call(mvc, method, path, "not-a-jwt"), 401);
      expect(failures, endpoint, call(mvc, method, path, expired), 401);
      boolean actuator = pattern.equals("/actuator") || pattern.startsWith("/actuator/");
      if (pattern.startsWith("/admin/") || actuator) {
        if (actuator) {
          actuators++;
        } else {
          admins++;
        }
        expect(failures, endpoint, call(mvc, method, path, user), 403);
        expect(failures, endpoint, call(mvc, method, path, DevTokens.mint("x", "", "STAR")), 403);
        if (method.equals("GET")) {
          // only reads are replayed with the admin token: a POST would act on shared state
          int allowed = call(mvc, method, path, admin).getStatus();
          if (allowed == 401 || allowed == 403 || allowed >= 500) {
            failures.add(endpoint + ": with the admin token " + allowed);
          }
        }
      } else if (!pattern.equals("/error")) {
        failures.add(endpoint + ": neither public, actuator nor /admin: classify it in the sweep");
      }
    }
    assertThat(admins).isGreaterThanOrEqualTo(8);
    // /actuator, /actuator/metrics and /actuator/metrics/{requiredMetricName} at least
    assertThat(actuators).isGreaterThanOrEqualTo(3);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  private static MockHttpServletResponse call(MockMvc mvc, String method, String path, String token)
      throws Exception {
    var b =
        request(HttpMethod.valueOf(method), path)
            .header("x-civilRegistrationIdentifier", "0101909123");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return mvc.perform(b).andReturn().getResponse();
  }

  private static void expect(
      List<String> failures, String endpoint, MockHttpServletResponse r, int status) {
    if (r.getStatus() != status) {
      failures.add(endpoint + ": " + r.getStatus() + ", expected " + status);
    } else if (r.getContentType() == null
        || !r.getContentType().startsWith("application/problem+json")) {
      failures.add(endpoint + ": " + status + " is not problem+json (" + r.getContentType() + ")");
    }
  }
}
