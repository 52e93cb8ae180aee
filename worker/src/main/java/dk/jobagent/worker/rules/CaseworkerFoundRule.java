package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4822: the CaseWorkerIdentifier (CVR-RID) is not known to the booking system. */
final class CaseworkerFoundRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.CASEWORKER_NOT_FOUND;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.factsKnown(in) && in.request().caseWorkerIdentifier() != null;
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return in.booking().caseworkerFound()
        ? Optional.empty()
        : Optional.of(new Violation(code(), "No caseworker with the given CaseWorkerIdentifier"));
  }
}
