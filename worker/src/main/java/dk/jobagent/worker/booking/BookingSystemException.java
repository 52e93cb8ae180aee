package dk.jobagent.worker.booking;

/**
 * The booking system answered something the worker cannot use: a 4xx that is not a booking rule (a
 * malformed request, a reused or closed idempotency key) or an unreadable body. Not transient: the
 * same request would get the same answer, so it ends as a FAILED receipt for an operator.
 */
public class BookingSystemException extends RuntimeException {

  /** The problem's reason token, when the booking system sent a problem. */
  private final String reason;

  public BookingSystemException(String message) {
    this(message, null, null);
  }

  public BookingSystemException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public BookingSystemException(String message, String reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** e.g. {@code idempotency-key-reused}; null when unknown. */
  public String reason() {
    return reason;
  }
}
