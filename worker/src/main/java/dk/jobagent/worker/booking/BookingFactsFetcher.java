package dk.jobagent.worker.booking;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.booking.BookingApi.CaseworkerJson;
import dk.jobagent.worker.booking.BookingApi.CitizenBookingJson;
import dk.jobagent.worker.booking.BookingApi.CitizenBookingsJson;
import dk.jobagent.worker.booking.BookingApi.InterviewOptionJson;
import dk.jobagent.worker.rules.BookingFacts;
import dk.jobagent.worker.rules.InterviewOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Looks up what the booking rules (8108, 8109, 9003, 4822, 8273, 8288) judge: the interview option,
 * the caseworker (when one is named) and the citizen's bookings and open deadlines.
 */
class BookingFactsFetcher {

  static final int JOBSAMTALE = 7;

  private final BookingClient client;

  BookingFactsFetcher(BookingClient client) {
    this.client = client;
  }

  BookingFacts fetch(String cpr, JobagentRequest request) {
    Optional<UUID> optionId = uuid(request.interviewOptionId());
    // an ID that is not a GUID cannot name an option: 8108 without asking
    InterviewOption option =
        optionId.flatMap(client::interviewOption).map(BookingFactsFetcher::option).orElse(null);
    String rid = request.caseWorkerIdentifier();
    Optional<CaseworkerJson> caseworker = rid == null ? Optional.empty() : client.caseworker(rid);
    CitizenBookingsJson citizen = client.citizenBookings(cpr);
    Instant start = CopenhagenDates.toInstant(request.bookingStartTime()).orElse(null);
    List<Instant> jobsamtaler =
        citizen.bookings().stream()
            .filter(b -> b.interviewType() == JOBSAMTALE && b.startTime() != null)
            .filter(b -> !sameSlot(b, optionId.orElse(null), start))
            .map(b -> b.startTime().toInstant())
            .toList();
    List<Instant> deadlines =
        option == null
            ? List.of()
            : citizen.deadlines().stream()
                .filter(d -> d.interviewType() == option.interviewType() && d.deadline() != null)
                .map(d -> lastInstantOf(d.deadline()))
                .toList();
    return new BookingFacts(
        option,
        caseworker.isPresent(),
        caseworker.map(CaseworkerJson::jobcenterCode).orElse(null),
        jobsamtaler,
        deadlines);
  }

  /**
   * The citizen's booking of exactly the requested slot can only be this request's own booking (a
   * slot is one booking), found when a redelivered command looks again after it booked: it must not
   * count as "already has a Jobsamtale" (8273) against itself.
   */
  private static boolean sameSlot(CitizenBookingJson b, UUID optionId, Instant start) {
    return optionId != null
        && start != null
        && Objects.equals(b.interviewOptionId(), optionId)
        && b.startTime().toInstant().equals(start);
  }

  /**
   * A deadline is a Copenhagen date (the meeting must start on or before it); the rule compares
   * instants, so the deadline becomes the last instant of its day.
   */
  static Instant lastInstantOf(LocalDate date) {
    return date.plusDays(1).atStartOfDay(CopenhagenDates.ZONE).toInstant().minusNanos(1);
  }

  private static InterviewOption option(InterviewOptionJson o) {
    return new InterviewOption(
        o.id(),
        o.jobcenterCode(),
        o.interviewType(),
        o.active(),
        o.validFrom(),
        o.validTo(),
        o.supervisorRids() == null ? java.util.Set.of() : new HashSet<>(o.supervisorRids()));
  }

  static Optional<UUID> uuid(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      UUID id = UUID.fromString(value);
      return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
