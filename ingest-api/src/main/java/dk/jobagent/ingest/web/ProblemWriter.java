package dk.jobagent.ingest.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer straight to the servlet response, for filters that answer before
 * Spring MVC (and so before {@link ProblemAdvice}) runs.
 */
public final class ProblemWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemWriter() {}

  public static void write(HttpServletResponse response, ApiProblem problem) throws IOException {
    problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    write(response, problem.problem());
  }

  public static void write(HttpServletResponse response, ProblemDetail p) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", p.getType().toString());
    body.put("title", p.getTitle());
    body.put("status", p.getStatus());
    body.put("detail", p.getDetail());
    if (p.getProperties() != null) {
      body.putAll(p.getProperties());
    }
    response.setStatus(p.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
