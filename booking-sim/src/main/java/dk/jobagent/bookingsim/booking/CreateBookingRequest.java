package dk.jobagent.bookingsim.booking;

/**
 * The body of POST /v1/bookings. Strings throughout so that every malformed field can be reported
 * by name instead of failing the whole body on the first one.
 */
public record CreateBookingRequest(
    String cpr,
    String interviewOptionId,
    String startTime,
    String caseWorkerRid,
    String contactType) {}
