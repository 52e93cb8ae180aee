package dk.jobagent.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * Answers for "not now", never a 500: an outage is 503, overload is 429 (Tomcat closes the
 * connection after every 503, so shedding load with 503 would add a TCP reconnect per refusal
 * exactly when the server has least to spare); both with Retry-After.
 */
public final class Unavailable {

  private Unavailable() {}

  public static ApiProblem database() {
    return new ApiProblem(
            Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                "The database is not reachable; retry later with the same x-requestId."))
        .retryAfter(Duration.ofSeconds(5));
  }

  public static ApiProblem overloaded() {
    return new ApiProblem(
            Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "overloaded",
                "Overloaded",
                "This instance is handling as many requests as it can; nothing was accepted, retry"
                    + " later with the same x-requestId."))
        .retryAfter(Duration.ofSeconds(1));
  }
}
