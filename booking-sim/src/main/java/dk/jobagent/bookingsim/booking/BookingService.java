package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.data.InterviewOption;
import dk.jobagent.bookingsim.data.Jobcenter;
import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;
import dk.jobagent.bookingsim.web.Violation;
import dk.jobagent.schemas.CprMask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Creates and cancels bookings against the ledger. */
@Service
public class BookingService {

  private static final Logger log = LoggerFactory.getLogger(BookingService.class);

  private final BookingLedger ledger;
  private final Clock clock;
  private final MeterRegistry meters;

  BookingService(BookingLedger ledger, Clock clock, MeterRegistry meters) {
    this.ledger = ledger;
    this.clock = clock;
    this.meters = meters;
  }

  /** The outcome of a create: the booking and whether this call made it (201) or replayed (200). */
  record Created(Booking booking, boolean replay) {}

  Created create(String idempotencyKey, ValidBookingRequest request) {
    try {
      Created created = ledger.locked(state -> createLocked(state, idempotencyKey, request));
      count(created.replay() ? "replayed" : "created");
      if (!created.replay()) {
        log.info(
            "booked {} for {} option {} at {} (key {})",
            created.booking().indkaldelseId(),
            CprMask.mask(request.cpr()),
            request.interviewOptionId(),
            request.startTime(),
            CprMask.maskAll(idempotencyKey));
      }
      return created;
    } catch (ProblemException e) {
      count(e.problem().reason());
      throw e;
    }
  }

  private Created createLocked(BookingLedger.State state, String key, ValidBookingRequest request) {
    if (state.isCancelledKey(key)) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_CANCELLED, "idempotency key " + key + " was cancelled");
    }
    Booking earlier = state.byKey(key);
    if (earlier != null) {
      if (!earlier.fingerprint().equals(request.fingerprint())) {
        throw new ProblemException(
            ProblemType.IDEMPOTENCY_KEY_REUSED,
            ProblemType.IDEMPOTENCY_KEY_REUSED.status(),
            "idempotency key " + key + " already booked " + earlier.indkaldelseId(),
            Map.of("indkaldelseId", earlier.indkaldelseId()));
      }
      return new Created(earlier, true);
    }
    Instant now = clock.instant();
    List<Violation> violations = BookingRules.check(request, state, now);
    if (!violations.isEmpty()) {
      throw ProblemException.refused(violations);
    }
    InterviewOption option = state.dataset().options().get(request.interviewOptionId());
    Jobcenter jobcenter = state.dataset().jobcenters().get(option.jobcenterCode());
    UUID id = UUID.randomUUID();
    Booking booking =
        new Booking(
            id,
            key,
            request.cpr(),
            option.id(),
            option.interviewType(),
            jobcenter.code(),
            request.startTime(),
            request.caseWorkerRid(),
            request.contactType(),
            now,
            request.fingerprint(),
            ReceiptText.of(
                id, jobcenter, option.interviewType(), request.startTime(), request.contactType()),
            jobcenter.phone(),
            jobcenter.fax());
    state.add(booking);
    return new Created(booking, false);
  }

  Booking find(UUID id) {
    return ledger.locked(state -> state.byId(id));
  }

  /** Cancels by id: frees the slot and forgets the key. Unknown or already cancelled: no-op. */
  boolean cancel(UUID id) {
    Booking removed = ledger.locked(state -> state.remove(id));
    if (removed != null) {
      count("cancelled");
      log.info("cancelled {} (key {})", id, CprMask.maskAll(removed.idempotencyKey()));
    }
    return removed != null;
  }

  /**
   * Cancels by idempotency key: the caller gives up on this key. The booking made with it (if any)
   * is cancelled and the key is closed, so a create with the same key that is still in flight
   * cannot leave a booking behind.
   */
  boolean cancelByKey(String key) {
    Booking removed =
        ledger.locked(
            state -> {
              Booking booking = state.byKey(key);
              state.cancelKey(key);
              return booking == null ? null : state.remove(booking.indkaldelseId());
            });
    if (removed != null) {
      count("cancelled");
    }
    log.info(
        "cancelled key {}{}",
        CprMask.maskAll(key),
        removed == null ? " (no booking)" : " booking " + removed.indkaldelseId());
    return removed != null;
  }

  private void count(String outcome) {
    meters.counter("booking_sim_bookings", "outcome", outcome).increment();
  }
}
