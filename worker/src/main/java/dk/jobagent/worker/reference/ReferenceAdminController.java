package dk.jobagent.worker.reference;

import dk.jobagent.schemas.security.DevTokens;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/reference/{persons|absences|occupations|aliases}} with the CSV file as the
 * body ({@code text/csv}, UTF-8), read as a stream. Scope {@code jobagent.admin} (see the security
 * configuration). Answers the {@link LoadReport}; a wrong header refuses the whole file with 400,
 * an unknown kind is 404, both as problem+json.
 */
@RestController
class ReferenceAdminController {

  static final String PROBLEM_BASE = "https://jobagent.dk/problems/";

  private final ReferenceLoader loader;

  ReferenceAdminController(ReferenceLoader loader) {
    this.loader = loader;
  }

  @PostMapping(path = "/admin/reference/{kind}", produces = MediaType.APPLICATION_JSON_VALUE)
  LoadReport load(@PathVariable String kind, InputStream body, @AuthenticationPrincipal Jwt jwt) {
    return loader.load(kind, body, operator(jwt));
  }

  /** Who loads: the token's client id (else its subject), recorded in the audit trail. */
  private static String operator(Jwt jwt) {
    if (jwt == null) {
      return ReferenceLoader.SYSTEM_ACTOR;
    }
    String clientId = jwt.getClaimAsString(DevTokens.CLAIM_CLIENT_ID);
    return clientId == null || clientId.isBlank() ? jwt.getSubject() : clientId;
  }

  @ExceptionHandler(ReferenceFileException.class)
  ResponseEntity<ProblemDetail> refused(ReferenceFileException e) {
    HttpStatus status = e.unknownKind() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(
        URI.create(
            PROBLEM_BASE + (e.unknownKind() ? "unknown-reference-kind" : "bad-reference-file")));
    problem.setTitle(e.unknownKind() ? "Unknown reference data kind" : "Reference file refused");
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
