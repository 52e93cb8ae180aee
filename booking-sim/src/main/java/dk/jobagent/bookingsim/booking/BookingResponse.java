package dk.jobagent.bookingsim.booking;

import dk.jobagent.schemas.CopenhagenDates;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What a created (or replayed) booking answers; times in Copenhagen local time with offset. */
public record BookingResponse(
    UUID indkaldelseId,
    String jobCenterReceipt,
    String phone,
    String fax,
    OffsetDateTime startTime,
    UUID interviewOptionId) {

  static BookingResponse of(Booking booking) {
    return new BookingResponse(
        booking.indkaldelseId(),
        booking.jobCenterReceipt(),
        booking.phone(),
        booking.fax(),
        booking.startTime().atZone(CopenhagenDates.ZONE).toOffsetDateTime(),
        booking.interviewOptionId());
  }
}
