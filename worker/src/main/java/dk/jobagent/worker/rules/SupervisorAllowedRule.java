package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * 9003: the named (and found) caseworker may not supervise the option: not in its supervisor list,
 * or, when the list is empty (any caseworker of the job centre), from another job centre.
 */
final class SupervisorAllowedRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.SUPERVISOR_NOT_ALLOWED;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.optionKnown(in)
        && in.request().caseWorkerIdentifier() != null
        && in.booking().caseworkerFound();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    InterviewOption option = in.booking().option();
    String rid = in.request().caseWorkerIdentifier();
    boolean allowed =
        option.supervisorRids() == null || option.supervisorRids().isEmpty()
            ? Objects.equals(in.booking().caseworkerJobcenter(), option.jobcenterCode())
            : option.supervisorRids().contains(rid);
    return allowed
        ? Optional.empty()
        : Optional.of(
            new Violation(code(), "The caseworker may not supervise this interview option"));
  }
}
