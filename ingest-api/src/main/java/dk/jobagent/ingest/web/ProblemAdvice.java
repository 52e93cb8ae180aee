package dk.jobagent.ingest.web;

import dk.jobagent.schemas.CprMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is a problem+json body. The base class answers the framework's own errors (404
 * unknown path, 405, 406, 415, …) as problems; this class adds the product's and makes sure that a
 * database outage is a 503 with Retry-After, never a 500.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
    return ResponseEntity.status(e.problem().getStatus())
        .headers(e.headers())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(e.problem());
  }

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
    log.warn("Database unavailable: {}", CprMask.maskAll(String.valueOf(e.getMessage())));
    return apiProblem(Unavailable.database());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    // Logged through the CPR-masking layout; the body says nothing about internals.
    log.error("Unexpected error", e);
    ProblemDetail p =
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "The request could not be handled; it is safe to retry with the same x-requestId.");
    return ResponseEntity.internalServerError()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }
}
