package dk.jobagent.ingest.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the container reports with {@code sendError} before Spring MVC ever sees the request
 * (Tomcat refusing TRACE, the security firewall refusing an encoded "..", a semicolon or an unknown
 * method) end up at {@code /error}. Boot's default answers those with its own JSON shape; this
 * answers them as every other error: a problem+json body, without echoing the request.
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // called directly (not as the container's error page) there is no error: nothing is here
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.valueOf(i)
            : HttpStatus.NOT_FOUND;
    ProblemDetail p =
        Problems.of(
            status,
            status.is4xxClientError() ? "request-refused" : "internal-error",
            status.getReasonPhrase(),
            status.is4xxClientError()
                ? "The request was refused before it reached the API."
                : "The request could not be handled.");
    p.setInstance(null);
    // the content type is set, not negotiated: an Accept header cannot turn this into a 406
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
