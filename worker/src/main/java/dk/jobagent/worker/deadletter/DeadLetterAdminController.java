package dk.jobagent.worker.deadletter;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for operators (SPEC §8, {@code bin/jobagent dlq}); scope {@code jobagent.admin} (the
 * security configuration guards {@code /admin/**}).
 *
 * <ul>
 *   <li>{@code GET /admin/dlq}: the dead letters, newest first, with their reason
 *   <li>{@code POST /admin/dlq/redrive} with {@code {"all":true}} or {@code {"ids":["dl-7"]}}:
 *       re-drives the ones not re-driven yet; an unknown id is 404 and re-drives nothing
 * </ul>
 */
@RestController
class DeadLetterAdminController {

  static final String PROBLEM_BASE = "https://jobagent.dk/problems/";

  private final DeadLetterQuery query;
  private final RedriveService redrive;

  DeadLetterAdminController(DeadLetterQuery query, RedriveService redrive) {
    this.query = query;
    this.redrive = redrive;
  }

  @GetMapping(path = "/admin/dlq", produces = MediaType.APPLICATION_JSON_VALUE)
  DeadLetterList list() {
    return query.list();
  }

  @PostMapping(
      path = "/admin/dlq/redrive",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> redrive(@RequestBody RedriveRequest request) {
    if (request.isAll() == request.hasIds()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "bad-redrive-request",
          "Bad re-drive request",
          "Send either {\"all\":true} or {\"ids\":[\"dl-1\", …]}.",
          List.of());
    }
    return ResponseEntity.ok(
        request.isAll() ? redrive.redriveAll() : redrive.redrive(request.ids()));
  }

  @ExceptionHandler(UnknownDeadLettersException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownDeadLettersException e) {
    List<Map<String, String>> errors =
        e.ids().stream().map(id -> Map.of("id", id, "text", "no such dead letter")).toList();
    ResponseEntity<ProblemDetail> response =
        problem(
            HttpStatus.NOT_FOUND,
            "unknown-dead-letter",
            "Unknown dead letter",
            e.getMessage() + "; nothing was re-driven (see GET /admin/dlq).",
            errors);
    response.getBody().setProperty("unknownIds", e.ids());
    return response;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "bad-redrive-request",
        "Bad re-drive request",
        "The body must be JSON: {\"all\":true} or {\"ids\":[\"dl-1\", …]}.",
        List.of());
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String slug, String title, String detail, List<?> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEM_BASE + slug));
    problem.setTitle(title);
    problem.setProperty("errors", errors);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
