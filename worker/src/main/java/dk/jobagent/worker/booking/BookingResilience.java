package dk.jobagent.worker.booking;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Which failures the resilience layer counts. Only a technical failure (timeout, connection refused
 * or reset, 5xx) is retried and counts against the circuit breaker; a refusal by a booking rule
 * (409/422) is the booking system working as it should, so it counts as a success and is never
 * retried. The numbers (window sizes, waits) are configuration; this classification is not.
 */
final class BookingResilience {

  /** The Resilience4j instance name of the retry, circuit breaker and bulkhead. */
  static final String INSTANCE = "booking";

  private BookingResilience() {}

  static boolean isTransportFailure(Throwable t) {
    return t instanceof TransientBookingFailure;
  }

  static void classify(CircuitBreakerConfig.Builder builder) {
    builder.recordException(BookingResilience::isTransportFailure);
  }

  static void classify(RetryConfig.Builder<?> builder) {
    builder.retryOnException(BookingResilience::isTransportFailure);
  }
}
