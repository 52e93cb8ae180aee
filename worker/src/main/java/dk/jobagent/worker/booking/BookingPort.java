package dk.jobagent.worker.booking;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.rules.BookingFacts;
import java.util.Optional;

/**
 * The worker's door to the job centre's booking system (SPEC §6), for an UpdateJobagent that asks
 * for a meeting. The enrolment processing calls it; the booking adapter (HTTP client, circuit
 * breaker) implements it. Until that adapter exists {@link NotConnectedBookingPort} stands in.
 */
public interface BookingPort {

  /**
   * What the booking rules (4783, 8108, 8109, 9003, 4822, 8273, 8288) judge: fetched before the
   * rules run. Null when the facts cannot be fetched; the rules then skip the booking checks.
   */
  BookingFacts facts(BookingRequest request);

  /**
   * Books the meeting, with {@link BookingRequest#requestId()} as the idempotency key. Empty when
   * no booking system is connected: the enrolment change is then applied without a booking.
   */
  Optional<BookingConfirmation> book(BookingRequest request);

  /** One booking: the request that asks for it. Never log the CPR. */
  record BookingRequest(String clientId, String requestId, String cpr, JobagentRequest request) {
    @Override
    public String toString() {
      return "booking for " + clientId + "/" + requestId;
    }
  }

  /** What a successful booking returns (into the receipt's result). */
  record BookingConfirmation(
      String indkaldelseId, String jobCenterReceipt, String phone, String fax) {}
}
