package dk.jobagent.worker.audit;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.schemas.validation.SyntaxCheck;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/audit?from=&to=&limit=} with the CPR in header {@code
 * x-civilRegistrationIdentifier} ({@code bin/jobagent audit}): who touched this citizen's data,
 * newest first, with masked CPRs only. Scope {@code jobagent.admin} (the security configuration
 * guards {@code /admin/**}). The read is itself audited, in the same transaction.
 *
 * <p>{@code from}/{@code to} are dates ({@code 2026-11-27}: whole Copenhagen days, both inclusive)
 * or ISO date-times with offset ({@code from} inclusive, {@code to} exclusive).
 */
@RestController
class AuditAdminController {

  static final String PROBLEM_BASE = "https://jobagent.dk/problems/";
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 10_000;

  private final SyntaxCheck syntax = SyntaxCheck.load();
  private final AuditQuery query;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  AuditAdminController(AuditQuery query, AuditLog audit, TransactionTemplate tx) {
    this.query = query;
    this.audit = audit;
    this.tx = tx;
  }

  @GetMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> list(
      @RequestHeader(name = "x-civilRegistrationIdentifier", required = false) String cpr,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "limit", required = false) Integer limit,
      @AuthenticationPrincipal Jwt jwt) {
    if (cpr == null || !syntax.checkCpr(cpr).ok()) {
      throw new BadQuery(
          "invalid-cpr",
          "Header x-civilRegistrationIdentifier must hold a valid CPR number",
          ErrorCode.INVALID_CPR);
    }
    Instant fromInstant = bound(from, "from", false);
    Instant toInstant = bound(to, "to", true);
    int max = limit == null ? DEFAULT_LIMIT : limit;
    if (max < 1 || max > MAX_LIMIT) {
      throw new BadQuery("bad-audit-query", "limit must be 1–" + MAX_LIMIT, null);
    }
    String actor = actor(jwt);
    List<AuditRecord> records =
        tx.execute(
            status -> {
              List<AuditRecord> found = query.byCpr(cpr, fromInstant, toInstant, max);
              audit.record(
                  actor,
                  jwt == null ? null : jwt.getClaimAsString(DevTokens.CLAIM_ACCESS_CATEGORY),
                  AuditLog.AUDIT_READ,
                  null,
                  "200",
                  null,
                  cpr,
                  "{\"records\":" + found.size() + "}");
              return found;
            });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cpr", CprMask.mask(cpr));
    body.put("from", fromInstant);
    body.put("to", toInstant);
    body.put("count", records.size());
    body.put("records", records);
    return body;
  }

  private static String actor(Jwt jwt) {
    if (jwt == null) {
      return "unknown";
    }
    String clientId = jwt.getClaimAsString(DevTokens.CLAIM_CLIENT_ID);
    return clientId == null || clientId.isBlank() ? jwt.getSubject() : clientId;
  }

  /** A date is a whole Copenhagen day: from its start, or (as upper bound) to the next day's. */
  private static Instant bound(String value, String name, boolean upper) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (upper ? day.plusDays(1) : day).atStartOfDay(CopenhagenDates.ZONE).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw new BadQuery(
          "bad-audit-query",
          name + " must be a date (2026-11-27) or a date-time with offset (2026-11-27T10:00:00Z)",
          null);
    }
  }

  @ExceptionHandler(BadQuery.class)
  ResponseEntity<ProblemDetail> bad(BadQuery e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create(PROBLEM_BASE + e.slug));
    problem.setTitle("Bad audit query");
    if (e.code != null) {
      problem.setProperty("code", e.code.code());
    }
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A refused query (never echoes the CPR). */
  static final class BadQuery extends RuntimeException {
    final String slug;
    final ErrorCode code;

    BadQuery(String slug, String message, ErrorCode code) {
      super(message, null, false, false);
      this.slug = slug;
      this.code = code;
    }
  }
}
