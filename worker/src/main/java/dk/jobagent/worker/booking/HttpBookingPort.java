package dk.jobagent.worker.booking;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.booking.BookingApi.BookingJson;
import dk.jobagent.worker.booking.BookingApi.CreateBookingJson;
import dk.jobagent.worker.rules.BookingFacts;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The booking port over HTTP: facts from the lookups, the booking keyed by the requestId, the
 * attempt remembered in {@code booking_attempt} until the request is final.
 */
@Component
class HttpBookingPort implements BookingPort {

  static final String KEY_TAKEN = "idempotency-key-reused";

  private final BookingClient client;
  private final BookingFactsFetcher facts;
  private final BookingAttemptRepository attempts;
  private final BookingCancels cancels;
  private final TransactionTemplate ownTransaction;

  HttpBookingPort(
      BookingClient client,
      BookingFactsFetcher facts,
      BookingAttemptRepository attempts,
      BookingCancels cancels,
      PlatformTransactionManager transactions) {
    this.client = client;
    this.facts = facts;
    this.attempts = attempts;
    this.cancels = cancels;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public BookingFacts facts(BookingRequest request) {
    return facts.fetch(request.cpr(), request.request());
  }

  @Override
  public BookingConfirmation book(BookingRequest request) {
    CreateBookingJson body = body(request.cpr(), request.request());
    // committed before the call: the caller's transaction may yet roll back
    ownTransaction.executeWithoutResult(
        s -> attempts.insertBooking(request.clientId(), request.requestId(), request.requestId()));
    BookingJson booked;
    try {
      booked = client.create(request.requestId(), body);
    } catch (BookingSystemException e) {
      if (KEY_TAKEN.equals(e.reason())) {
        // the key booked another request's meeting (requestIds are chosen per client): nothing
        // under it is ours, so giving it up later would cancel somebody else's booking
        ownTransaction.executeWithoutResult(
            s -> attempts.delete(request.clientId(), request.requestId()));
      }
      throw e;
    }
    return new BookingConfirmation(
        booked.indkaldelseId().toString(), booked.jobCenterReceipt(), booked.phone(), booked.fax());
  }

  @Override
  public void committed(String clientId, String requestId) {
    attempts.delete(clientId, requestId);
  }

  @Override
  public void abandon(String clientId, String requestId) {
    if (!attempts.markCancelPending(clientId, requestId)) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              cancels.cancelSoon(clientId, requestId);
            }
          });
    } else {
      cancels.cancelSoon(clientId, requestId);
    }
  }

  /**
   * The create body, a pure function of the stored request: a redelivered command sends exactly the
   * same body with the same key and gets the first booking back.
   */
  static CreateBookingJson body(String cpr, JobagentRequest request) {
    UUID option =
        BookingFactsFetcher.uuid(request.interviewOptionId())
            .orElseThrow(
                () -> new BookingSystemException("InterviewOptionID is not a GUID; cannot book"));
    // Copenhagen local time with that day's offset, seconds always written: one spelling per slot
    String start =
        CopenhagenDates.toInstant(request.bookingStartTime())
            .map(i -> ISO_OFFSET_DATE_TIME.format(i.atZone(CopenhagenDates.ZONE)))
            .orElseThrow(() -> new BookingSystemException("BookingStartTime is not a date-time"));
    return new CreateBookingJson(
        cpr,
        option,
        start,
        request.caseWorkerIdentifier(),
        request.interviewContactTypeIdentifier());
  }
}
