package dk.jobagent.worker.booking;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.rules.BookingFacts;

/**
 * The worker's door to the job centre's booking system (SPEC §6), for an UpdateJobagent that asks
 * for a meeting: the booking and the enrolment change commit together or not at all.
 *
 * <p>The protocol, per request: {@link #facts} for the rules; then {@link #book} (the requestId is
 * the Idempotency-Key, so a retried or redelivered command gets the same booking back instead of a
 * second one); then, in the transaction that makes the request final, exactly one of {@link
 * #committed} (the receipt carries the booking) or {@link #abandon} (the request ends without it:
 * whatever the key booked is cancelled once that transaction commits).
 */
public interface BookingPort {

  /**
   * What the booking rules (8108, 8109, 9003, 4822, 8273, 8288) judge.
   *
   * @throws BookingUnavailableException when the booking system cannot be asked
   */
  BookingFacts facts(BookingRequest request);

  /**
   * Books the meeting. Before the call it notes durably (in its own, committed transaction) that
   * the key may hold a booking, so that a crash or a failed commit after the call cannot lose track
   * of it.
   *
   * @throws BookingRefusedException a booking rule refused it (4819, 9018, or a rule that changed
   *     since the facts were read)
   * @throws BookingUnavailableException the booking system could not be reached (transient)
   * @throws BookingSystemException an answer the worker cannot use (not transient)
   */
  BookingConfirmation book(BookingRequest request);

  /** In the transaction that commits the enrolment change with the booking. */
  void committed(String clientId, String requestId);

  /**
   * In the transaction that makes the request final without a booking (rejected, failed, 4769):
   * gives up the key if a booking was asked for — after that transaction commits, {@code DELETE
   * /v1/bookings} with the key, retried until the booking system confirms. A no-op otherwise.
   */
  void abandon(String clientId, String requestId);

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
