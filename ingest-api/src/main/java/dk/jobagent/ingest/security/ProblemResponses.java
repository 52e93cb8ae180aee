package dk.jobagent.ingest.security;

import dk.jobagent.ingest.web.ProblemWriter;
import dk.jobagent.ingest.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 from the security filter chain, as problem+json (the filter chain runs before Spring
 * MVC, so the problem is written here). The standard bearer handlers still set {@code
 * WWW-Authenticate} as RFC 6750 asks.
 */
final class ProblemResponses {

  private ProblemResponses() {}

  static AuthenticationEntryPoint unauthorized() {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return (request, response, e) -> {
      bearer.commence(request, response, e);
      write(
          response,
          Problems.of(
              HttpStatus.UNAUTHORIZED,
              "unauthorized",
              "Unauthorized",
              detail(e, "A valid bearer token is required.")));
    };
  }

  static AccessDeniedHandler forbidden() {
    BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
    return (request, response, e) -> {
      bearer.handle(request, response, e);
      write(
          response,
          Problems.of(
              HttpStatus.FORBIDDEN,
              "insufficient-scope",
              "Forbidden",
              "The token lacks the scope this operation requires."));
    };
  }

  private static String detail(AuthenticationException e, String fallback) {
    // Token errors say what is wrong with the token (expired, bad signature); never its content.
    return e == null || e.getMessage() == null ? fallback : fallback + " " + e.getMessage();
  }

  private static void write(HttpServletResponse response, ProblemDetail p) throws IOException {
    ProblemWriter.write(response, p);
  }
}
