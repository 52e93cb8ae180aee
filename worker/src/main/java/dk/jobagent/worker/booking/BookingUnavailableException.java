package dk.jobagent.worker.booking;

/**
 * The booking system could not be asked: it failed technically on every attempt, the circuit
 * breaker is open, or the bulkhead is full. Transient: the command waits (parked, or its consumer
 * paused) and is answered with 4769 only when the wait exceeds {@code jobagent.booking.max-wait}.
 */
public class BookingUnavailableException extends RuntimeException {

  private final boolean circuitOpen;

  public BookingUnavailableException(String message, Throwable cause, boolean circuitOpen) {
    super(message, cause);
    this.circuitOpen = circuitOpen;
  }

  /** True when no call was made because the circuit breaker is open (or half-open and full). */
  public boolean circuitOpen() {
    return circuitOpen;
  }
}
