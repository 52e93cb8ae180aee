package dk.jobagent.worker.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as application/problem+json. The security filters answer before Spring MVC, so the
 * body is written here; the bearer handlers run first for the RFC 6750 {@code WWW-Authenticate}.
 */
final class ProblemAuthHandlers {

  static final String TYPE_BASE = "https://jobagent.dk/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemAuthHandlers() {}

  static AuthenticationEntryPoint unauthorized() {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return (request, response, e) -> {
      bearer.commence(request, response, e);
      // the reason says what is wrong with the token (missing, expired, bad signature), never
      // anything from its claims
      write(response, 401, "unauthorized", "Unauthorized", "A valid bearer token is required.");
    };
  }

  static AccessDeniedHandler forbidden() {
    BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
    return (request, response, e) -> {
      bearer.handle(request, response, e);
      write(
          response,
          403,
          "insufficient-scope",
          "Forbidden",
          "The token lacks the scope this endpoint requires"
              + (operator(request.getRequestURI()) ? " (jobagent.admin)." : "."));
    };
  }

  private static boolean operator(String uri) {
    return uri.startsWith("/admin/") || uri.equals("/actuator") || uri.startsWith("/actuator/");
  }

  private static void write(
      HttpServletResponse response, int status, String slug, String title, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + slug);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
