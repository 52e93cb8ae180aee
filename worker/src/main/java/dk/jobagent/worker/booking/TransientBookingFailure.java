package dk.jobagent.worker.booking;

/**
 * One HTTP attempt failed technically (timeout, connection refused or reset, 5xx): retried with
 * back-off and recorded by the circuit breaker. Never leaves the booking package: after the last
 * attempt it becomes a {@link BookingUnavailableException}.
 */
final class TransientBookingFailure extends RuntimeException {

  TransientBookingFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
