package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * 8273: the option is a Jobsamtale (interview type 7) and the citizen already has a Jobsamtale
 * starting after the request was received.
 */
final class JobsamtaleAlreadyBookedRule implements Rule {

  static final int JOBSAMTALE = 7;

  @Override
  public ErrorCode code() {
    return ErrorCode.JOBSAMTALE_ALREADY_BOOKED;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.optionKnown(in) && in.booking().option().interviewType() == JOBSAMTALE;
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    List<java.time.Instant> starts =
        in.booking().existingJobsamtaleStarts() == null
            ? List.of()
            : in.booking().existingJobsamtaleStarts();
    return starts.stream().anyMatch(s -> s.isAfter(in.receivedAt()))
        ? Optional.of(new Violation(code(), "The citizen already has a future Jobsamtale"))
        : Optional.empty();
  }
}
