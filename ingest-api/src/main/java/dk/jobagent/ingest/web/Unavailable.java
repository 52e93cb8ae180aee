package dk.jobagent.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Answers for "not now": overload and outages, always 503 with Retry-After, never a 500. */
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
                HttpStatus.SERVICE_UNAVAILABLE,
                "overloaded",
                "Overloaded",
                "Too many requests are waiting to be stored; retry later with the same"
                    + " x-requestId."))
        .retryAfter(Duration.ofSeconds(1));
  }
}
