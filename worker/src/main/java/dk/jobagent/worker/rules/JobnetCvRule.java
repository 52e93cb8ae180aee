package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/**
 * 4786: a booking is asked for and the person has no Jobnet CV account. Needs no booking-system
 * facts, so it is judged before they are fetched.
 */
final class JobnetCvRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.NO_JOBNET_CV;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.requested(in) && Facts.personKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return in.person().hasJobnetCv()
        ? Optional.empty()
        : Optional.of(new Violation(code(), "The person has no Jobnet CV account"));
  }
}
