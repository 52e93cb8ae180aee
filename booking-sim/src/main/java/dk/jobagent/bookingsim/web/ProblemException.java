package dk.jobagent.bookingsim.web;

import java.util.List;
import java.util.Map;

/** Ends a request with a problem+json answer. */
public class ProblemException extends RuntimeException {

  private final ProblemType problem;
  private final int status;
  private final transient Map<String, Object> properties;

  public ProblemException(ProblemType problem, String detail) {
    this(problem, problem.status(), detail, Map.of());
  }

  public ProblemException(
      ProblemType problem, int status, String detail, Map<String, Object> properties) {
    super(detail, null, false, false); // expected outcomes: no stack trace needed
    this.problem = problem;
    this.status = status;
    this.properties = properties;
  }

  /** A booking refused by its rules: the primary violation decides type and status. */
  public static ProblemException refused(List<Violation> violations) {
    Violation primary = violations.getFirst();
    return new ProblemException(
        primary.problem(),
        primary.problem().status(),
        primary.detail(),
        Map.of("violations", violations));
  }

  public ProblemType problem() {
    return problem;
  }

  public int status() {
    return status;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
