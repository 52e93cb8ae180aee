package dk.jobagent.worker.booking;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/booking}: the circuit breaker's state and counters and the bulkhead's
 * free permits. An open circuit is reported as {@code CIRCUIT_OPEN}, a status the aggregate
 * ignores: the worker itself is healthy (it parks booking work and keeps serving the other queue),
 * so a booking-system outage must not get the worker restarted.
 */
@Component("booking")
class BookingHealthIndicator implements HealthIndicator {

  static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN", "booking work is paused");
  static final Status CIRCUIT_HALF_OPEN =
      new Status("CIRCUIT_HALF_OPEN", "trial calls to the booking system");

  private final BookingClient client;
  private final BookingProperties properties;

  BookingHealthIndicator(BookingClient client, BookingProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public Health health() {
    CircuitBreaker breaker = client.breaker();
    CircuitBreaker.Metrics m = breaker.getMetrics();
    Bulkhead.Metrics b = client.bulkhead().getMetrics();
    Status status =
        switch (breaker.getState()) {
          case OPEN, FORCED_OPEN -> CIRCUIT_OPEN;
          case HALF_OPEN -> CIRCUIT_HALF_OPEN;
          default -> Status.UP;
        };
    return Health.status(status)
        .withDetail("baseUrl", properties.baseUrl().toString())
        .withDetail("circuitState", breaker.getState().name())
        .withDetail("failureRate", m.getFailureRate())
        .withDetail("slowCallRate", m.getSlowCallRate())
        .withDetail("bufferedCalls", m.getNumberOfBufferedCalls())
        .withDetail("failedCalls", m.getNumberOfFailedCalls())
        .withDetail("notPermittedCalls", m.getNumberOfNotPermittedCalls())
        .withDetail("bulkheadAvailablePermits", b.getAvailableConcurrentCalls())
        .withDetail("bulkheadMaxPermits", b.getMaxAllowedConcurrentCalls())
        .build();
  }
}
