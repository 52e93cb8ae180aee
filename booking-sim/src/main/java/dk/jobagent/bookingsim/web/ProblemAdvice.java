package dk.jobagent.bookingsim.web;

import dk.jobagent.schemas.CprMask;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as application/problem+json with a {@code reason}; Spring's own errors
 * (unreadable JSON, missing header, unknown path) get the simulator's types too. Bad input is never
 * a 500.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException e) {
    return ResponseEntity.status(e.status())
        .body(Problems.of(e.problem(), e.status(), e.getMessage(), e.properties()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error: {}", CprMask.maskAll(String.valueOf(e)), e);
    return ResponseEntity.status(500)
        .body(Problems.of(ProblemType.INTERNAL_ERROR, 500, "internal error", Map.of()));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      ProblemType type =
          switch (statusCode.value()) {
            case 404 -> ProblemType.NOT_FOUND;
            case 500 -> ProblemType.INTERNAL_ERROR;
            default -> statusCode.is4xxClientError() ? ProblemType.INVALID_REQUEST : null;
          };
      if (type != null) {
        Problems.decorate(problem, type);
        problem.setTitle(type == ProblemType.INVALID_REQUEST ? type.title() : problem.getTitle());
      }
      if (problem.getDetail() != null) {
        problem.setDetail(CprMask.maskAll(problem.getDetail()));
      }
    }
    return response;
  }
}
