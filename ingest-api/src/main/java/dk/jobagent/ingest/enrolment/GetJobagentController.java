package dk.jobagent.ingest.enrolment;

import dk.jobagent.ingest.audit.AuditLog;
import dk.jobagent.ingest.security.AccessPolicy;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.HeaderValue;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.validation.FieldError;
import dk.jobagent.schemas.validation.SyntaxCheck;
import dk.jobagent.schemas.validation.SyntaxResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GetJobagent: the citizen's open enrolment and its job wishes, with the seed's field names.
 *
 * <p>Answers: 404 + 1010 when the CPR is unknown (or the "unknown" CPR 0000000000), 404 + 4589 when
 * there is no open enrolment, and 409 + 9344 when the stored data is inconsistent (a job wish names
 * an occupation no longer in the reference data). 409, not 500: the service works and the request
 * is valid, but the profile's current state conflicts with the reference data and cannot be
 * rendered until an operator repairs it; a 5xx would invite blind retries.
 *
 * <p>Every answer about a syntactically valid CPR leaves one audit record (status and code as
 * outcome), written in the read's transaction.
 */
@RestController
class GetJobagentController {

  private static final String NO_CPR = "0000000000";

  private final SyntaxCheck syntax = SyntaxCheck.load();
  private final EnrolmentReadRepository repository;
  private final AccessPolicy access;
  private final TransactionTemplate tx;
  private final AuditLog audit;

  GetJobagentController(
      EnrolmentReadRepository repository,
      AccessPolicy access,
      TransactionTemplate tx,
      AuditLog audit) {
    this.repository = repository;
    this.access = access;
    this.tx = tx;
    this.audit = audit;
  }

  @GetMapping("/v1/Jobagent")
  JobagentRequest get(HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    Caller caller = Caller.of(jwt);
    access.require(AccessPolicy.Op.GET, caller);
    String cpr = HeaderValue.of(request, "x-civilRegistrationIdentifier").value();
    SyntaxResult check = syntax.checkCpr(cpr);
    if (!check.ok()) {
      throw new ApiProblem(
          Problems.withErrors(
              Problems.of(HttpStatus.BAD_REQUEST, "invalid-cpr", ErrorCode.INVALID_CPR),
              check.errors().stream().map(GetJobagentController::fieldError).toList()));
    }
    // The read and its audit record commit together: no read of a citizen's data goes unrecorded.
    Answer answer =
        tx.execute(
            status -> {
              Answer a = read(cpr);
              audit.record(
                  caller.clientId(),
                  caller.accessCategory(),
                  AuditLog.GET_JOBAGENT,
                  null,
                  Integer.toString(a.status().value()),
                  a.code() == null ? null : a.code().code(),
                  cpr);
              return a;
            });
    if (answer.body() == null) {
      throw new ApiProblem(answer.problem());
    }
    return answer.body();
  }

  /** What GetJobagent answers: a body (200) or a problem. */
  private record Answer(
      HttpStatus status, ErrorCode code, JobagentRequest body, ProblemDetail problem) {

    static Answer problem(HttpStatus status, String slug, ErrorCode code) {
      return new Answer(status, code, null, Problems.of(status, slug, code));
    }
  }

  private Answer read(String cpr) {
    if (NO_CPR.equals(cpr) || !repository.personExists(cpr)) {
      return Answer.problem(HttpStatus.NOT_FOUND, "unknown-cpr", ErrorCode.UNKNOWN_CPR);
    }
    Optional<EnrolmentReadRepository.OpenEnrolment> open = repository.openEnrolment(cpr);
    if (open.isEmpty()) {
      return Answer.problem(
          HttpStatus.NOT_FOUND, "unknown-identifier", ErrorCode.UNKNOWN_IDENTIFIER);
    }
    EnrolmentReadRepository.OpenEnrolment enrolment = open.get();
    List<EnrolmentReadRepository.JobWish> wishes = repository.currentJobWishes(enrolment.id());
    if (wishes.stream().anyMatch(w -> !w.occupationKnown())) {
      return Answer.problem(
          HttpStatus.CONFLICT, "profile-inconsistent", ErrorCode.PROFILE_INCONSISTENT);
    }
    JobagentRequest body =
        new JobagentRequest(
            enrolment.clientCategory(),
            enrolment.enrolmentDate().toString(),
            enrolment.unemploymentStatus(),
            enrolment.haendelsesdato() == null ? null : enrolment.haendelsesdato().toString(),
            enrolment.email(),
            wishes.stream()
                .map(
                    w ->
                        new ProfessionType(
                            w.conceptUri(),
                            w.aliasId(),
                            w.hasEducation(),
                            w.yearLastUsed(),
                            w.monthsOfExperience(),
                            w.jobTargetId()))
                .toList(),
            null,
            null,
            null,
            null);
    return new Answer(HttpStatus.OK, null, body, null);
  }

  private static java.util.Map<String, String> fieldError(FieldError e) {
    return Problems.fieldError(e.field(), e.message());
  }
}
