package dk.jobagent.worker.booking;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.booking.BookingApi.BookingJson;
import dk.jobagent.worker.booking.BookingApi.CreateBookingJson;
import dk.jobagent.worker.rules.BookingFacts;
import java.util.Optional;
import java.util.UUID;

/** The booking port over HTTP: facts from the lookups, the booking keyed by the requestId. */
class HttpBookingPort implements BookingPort {

  private final BookingClient client;
  private final BookingFactsFetcher facts;

  HttpBookingPort(BookingClient client, BookingFactsFetcher facts) {
    this.client = client;
    this.facts = facts;
  }

  @Override
  public BookingFacts facts(BookingRequest request) {
    return facts.fetch(request.cpr(), request.request());
  }

  @Override
  public Optional<BookingConfirmation> book(BookingRequest request) {
    BookingJson booked = client.create(request.requestId(), body(request.cpr(), request.request()));
    return Optional.of(
        new BookingConfirmation(
            booked.indkaldelseId().toString(),
            booked.jobCenterReceipt(),
            booked.phone(),
            booked.fax()));
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
