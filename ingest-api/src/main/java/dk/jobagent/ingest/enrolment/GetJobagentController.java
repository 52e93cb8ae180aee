package dk.jobagent.ingest.enrolment;

import dk.jobagent.ingest.security.AccessPolicy;
import dk.jobagent.ingest.security.Caller;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.validation.FieldError;
import dk.jobagent.schemas.validation.SyntaxCheck;
import dk.jobagent.schemas.validation.SyntaxResult;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GetJobagent: the citizen's open enrolment and its job wishes, with the seed's field names.
 *
 * <p>Answers: 404 + 1010 when the CPR is unknown (or the "unknown" CPR 0000000000), 404 + 4589 when
 * there is no open enrolment, and 409 + 9344 when the stored data is inconsistent (a job wish names
 * an occupation no longer in the reference data). 409, not 500: the service works and the request
 * is valid, but the profile's current state conflicts with the reference data and cannot be
 * rendered until an operator repairs it; a 5xx would invite blind retries.
 */
@RestController
class GetJobagentController {

  private static final String NO_CPR = "0000000000";

  private final SyntaxCheck syntax = SyntaxCheck.load();
  private final EnrolmentReadRepository repository;
  private final AccessPolicy access;

  GetJobagentController(EnrolmentReadRepository repository, AccessPolicy access) {
    this.repository = repository;
    this.access = access;
  }

  @GetMapping("/v1/Jobagent")
  JobagentRequest get(
      @RequestHeader(name = "x-civilRegistrationIdentifier", required = false) String cpr,
      @AuthenticationPrincipal Jwt jwt) {
    access.require(AccessPolicy.Op.GET, Caller.of(jwt));
    SyntaxResult check = syntax.checkCpr(cpr);
    if (!check.ok()) {
      throw new ApiProblem(
          Problems.withErrors(
              Problems.of(HttpStatus.BAD_REQUEST, "invalid-cpr", ErrorCode.INVALID_CPR),
              check.errors().stream().map(GetJobagentController::fieldError).toList()));
    }
    if (NO_CPR.equals(cpr) || !repository.personExists(cpr)) {
      throw new ApiProblem(Problems.of(HttpStatus.NOT_FOUND, "unknown-cpr", ErrorCode.UNKNOWN_CPR));
    }
    EnrolmentReadRepository.OpenEnrolment enrolment =
        repository
            .openEnrolment(cpr)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        Problems.of(
                            HttpStatus.NOT_FOUND,
                            "unknown-identifier",
                            ErrorCode.UNKNOWN_IDENTIFIER)));
    List<EnrolmentReadRepository.JobWish> wishes = repository.currentJobWishes(enrolment.id());
    if (wishes.stream().anyMatch(w -> !w.occupationKnown())) {
      throw new ApiProblem(
          Problems.of(HttpStatus.CONFLICT, "profile-inconsistent", ErrorCode.PROFILE_INCONSISTENT));
    }
    return new JobagentRequest(
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
  }

  private static java.util.Map<String, String> fieldError(FieldError e) {
    return Problems.fieldError(e.field(), e.message());
  }
}
