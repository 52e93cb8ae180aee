package dk.jobagent.ingest.web;

import dk.jobagent.schemas.CprMask;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
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
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
    ProblemDetail p = e.problem();
    p.setInstance(instance(request));
    return ResponseEntity.status(p.getStatus())
        .headers(e.headers())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  /**
   * The framework's own errors (404, 405, 415, ...): the content type is set rather than
   * negotiated, so an unusual Accept header cannot leave the answer without a body, and the texts
   * that may quote the request (the path of a 404) are CPR-masked.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail p) {
      p.setDetail(Problems.mask(p.getDetail()));
      if (request instanceof ServletWebRequest servlet) {
        p.setInstance(instance(servlet.getRequest()));
      }
      HttpHeaders withType = new HttpHeaders();
      withType.putAll(headers);
      withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      headers = withType;
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  /** The problem's instance: the request path, CPR-masked (a path can carry one). */
  private static URI instance(HttpServletRequest request) {
    try {
      return URI.create(Problems.mask(request.getRequestURI()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The security firewall refuses some header values only when they are read (ISO control
   * characters): the request is bad, not the server.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
    return apiProblem(
        new ApiProblem(
            Problems.of(
                HttpStatus.BAD_REQUEST,
                "request-refused",
                "Bad Request",
                "A header holds characters that are not allowed.")),
        request);
  }

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(
      DataAccessException e, HttpServletRequest request) {
    log.warn("Database unavailable: {}", CprMask.maskAll(String.valueOf(e.getMessage())));
    return apiProblem(Unavailable.database(), request);
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
