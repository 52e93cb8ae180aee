package dk.jobagent.bookingsim.web;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the simulator's problem bodies: RFC 9457 plus {@code reason} and {@code code}. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(
      ProblemType problem, int status, String detail, Map<String, Object> properties) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    decorate(body, problem);
    properties.forEach(body::setProperty);
    return body;
  }

  public static void decorate(ProblemDetail body, ProblemType problem) {
    body.setType(problem.type());
    body.setTitle(problem.title());
    body.setProperty("reason", problem.reason());
    if (problem.seedCode() != null) {
      body.setProperty("code", problem.seedCode());
    }
  }
}
