package dk.jobagent.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * Thrown anywhere in request handling to answer with a problem body (and optional headers); turned
 * into the response by {@link ProblemAdvice}. No stack trace: it is an answer, not a failure.
 */
public class ApiProblem extends RuntimeException {

  private final transient ProblemDetail problem;
  private final transient HttpHeaders headers = new HttpHeaders();

  public ApiProblem(ProblemDetail problem) {
    super(problem.getTitle(), null, false, false);
    this.problem = problem;
  }

  public ApiProblem retryAfter(Duration d) {
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, d.toSeconds())));
    return this;
  }

  public ApiProblem header(String name, String value) {
    headers.set(name, value);
    return this;
  }

  public ProblemDetail problem() {
    return problem;
  }

  public HttpHeaders headers() {
    return headers;
  }
}
