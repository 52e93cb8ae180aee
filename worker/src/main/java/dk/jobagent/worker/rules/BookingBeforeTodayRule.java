package dk.jobagent.worker.rules;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;

/** 4783: BookingStartTime's Copenhagen date is before the request's date. */
final class BookingBeforeTodayRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.BOOKING_TIME_BEFORE_TODAY;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.requested(in) && Booking.startTime(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    LocalDate date = CopenhagenDates.dateOf(Booking.startTime(in).orElseThrow());
    return date.isBefore(in.today())
        ? Optional.of(
            new Violation(code(), "BookingStartTime " + date + " is before " + in.today()))
        : Optional.empty();
  }
}
