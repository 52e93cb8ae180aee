package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** 8288: BookingStartTime is later than an open InterviewDeadline of the option's type. */
final class BookingAfterDeadlineRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.BOOKING_AFTER_DEADLINE;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Booking.factsKnown(in) && Booking.startTime(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    Instant start = Booking.startTime(in).orElseThrow();
    List<Instant> deadlines =
        in.booking().openDeadlinesOfSameType() == null
            ? List.of()
            : in.booking().openDeadlinesOfSameType();
    return deadlines.stream()
        .filter(start::isAfter)
        .min(Instant::compareTo)
        .map(d -> new Violation(code(), "BookingStartTime is later than the deadline " + d));
  }
}
