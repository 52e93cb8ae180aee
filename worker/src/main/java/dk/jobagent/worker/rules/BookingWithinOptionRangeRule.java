package dk.jobagent.worker.rules;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;

/** 8109: BookingStartTime's date is outside the interview option's valid-from/valid-to range. */
final class BookingWithinOptionRangeRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.BOOKING_OUTSIDE_OPTION_RANGE;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.optionKnown(in) && Booking.startTime(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    InterviewOption option = in.booking().option();
    LocalDate date = CopenhagenDates.dateOf(Booking.startTime(in).orElseThrow());
    boolean early = option.validFrom() != null && date.isBefore(option.validFrom());
    boolean late = option.validTo() != null && date.isAfter(option.validTo());
    return early || late
        ? Optional.of(
            new Violation(
                code(),
                "BookingStartTime "
                    + date
                    + " is outside "
                    + option.validFrom()
                    + ".."
                    + option.validTo()))
        : Optional.empty();
  }
}
