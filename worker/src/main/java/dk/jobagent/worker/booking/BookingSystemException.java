package dk.jobagent.worker.booking;

/**
 * The booking system answered something the worker cannot use: a 4xx that is not a booking rule (a
 * malformed request, a reused or closed idempotency key) or an unreadable body. Not transient: the
 * same request would get the same answer, so it ends as a FAILED receipt for an operator.
 */
public class BookingSystemException extends RuntimeException {

  public BookingSystemException(String message) {
    super(message);
  }

  public BookingSystemException(String message, Throwable cause) {
    super(message, cause);
  }
}
