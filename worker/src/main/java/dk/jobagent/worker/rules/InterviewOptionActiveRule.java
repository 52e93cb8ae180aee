package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 8108: the booking system does not know the InterviewOptionID, or the option is not active. */
final class InterviewOptionActiveRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.INTERVIEW_OPTION_UNKNOWN;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.factsKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    InterviewOption option = in.booking().option();
    if (option == null) {
      return Optional.of(new Violation(code(), "The InterviewOptionID is unknown"));
    }
    return option.active()
        ? Optional.empty()
        : Optional.of(new Violation(code(), "The interview option is not active"));
  }
}
