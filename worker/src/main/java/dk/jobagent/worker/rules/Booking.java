package dk.jobagent.worker.rules;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.util.Optional;

/** Facts of the booking part of an UpdateJobagent. */
final class Booking {

  private Booking() {}

  /** An UpdateJobagent that asks for a booking. */
  static boolean requested(RuleInput in) {
    return in.operation() == Operation.UPDATE && in.request() != null && in.request().hasBooking();
  }

  /** Requested, and the booking adapter has fetched the booking system's facts. */
  static boolean factsKnown(RuleInput in) {
    return requested(in) && in.booking() != null;
  }

  static Optional<Instant> startTime(RuleInput in) {
    return CopenhagenDates.toInstant(in.request().bookingStartTime());
  }

  static boolean optionKnown(RuleInput in) {
    return factsKnown(in) && in.booking().option() != null;
  }
}
