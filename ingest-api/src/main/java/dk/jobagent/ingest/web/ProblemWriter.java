package dk.jobagent.ingest.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
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
    prepare(problem).writeTo(response);
  }

  public static void write(HttpServletResponse response, ProblemDetail p) throws IOException {
    prepare(new ApiProblem(p)).writeTo(response);
  }

  /**
   * The answer serialised once, for a filter that gives the same answer many times (a refusal under
   * overload must cost as little as possible).
   */
  public static Prepared prepare(ApiProblem problem) {
    ProblemDetail p = problem.problem();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", p.getType().toString());
    body.put("title", p.getTitle());
    body.put("status", p.getStatus());
    body.put("detail", p.getDetail());
    if (p.getProperties() != null) {
      body.putAll(p.getProperties());
    }
    return new Prepared(p.getStatus(), problem.headers(), JSON.writeValueAsBytes(body));
  }

  /** A problem answer ready to be written. */
  public record Prepared(int status, HttpHeaders headers, byte[] body) {

    public void writeTo(HttpServletResponse response) throws IOException {
      headers.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
      response.setStatus(status);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getOutputStream().write(body);
    }
  }
}
