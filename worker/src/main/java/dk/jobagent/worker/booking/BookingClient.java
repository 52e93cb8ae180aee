package dk.jobagent.worker.booking;

import dk.jobagent.worker.booking.BookingApi.BookingJson;
import dk.jobagent.worker.booking.BookingApi.CaseworkerJson;
import dk.jobagent.worker.booking.BookingApi.CitizenBookingsJson;
import dk.jobagent.worker.booking.BookingApi.CreateBookingJson;
import dk.jobagent.worker.booking.BookingApi.InterviewOptionJson;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The booking system behind retry, circuit breaker and bulkhead. Every call is safe to repeat
 * (reads, and writes carrying an idempotency key), so every call gets the bounded, jittered retry.
 * Order: retry(circuit breaker(bulkhead(HTTP attempt))): each attempt is counted by the breaker and
 * holds a bulkhead permit only while it runs; an open breaker stops the retry at once.
 *
 * <p>Metric {@code jobagent.booking.calls} (timer; tags {@code operation}, {@code outcome}: ok,
 * not-found, refused, rejected, unavailable, circuit-open, bulkhead-full), besides Resilience4j's
 * own {@code resilience4j.*} meters.
 */
class BookingClient {

  private final BookingHttp http;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Bulkhead bulkhead;
  private final MeterRegistry meters;

  BookingClient(
      BookingHttp http,
      CircuitBreaker breaker,
      Retry retry,
      Bulkhead bulkhead,
      MeterRegistry meters) {
    this.http = http;
    this.breaker = breaker;
    this.retry = retry;
    this.bulkhead = bulkhead;
    this.meters = meters;
  }

  Optional<InterviewOptionJson> interviewOption(UUID id) {
    return call("interview-option", () -> http.interviewOption(id));
  }

  Optional<CaseworkerJson> caseworker(String rid) {
    return call("caseworker", () -> http.caseworker(rid));
  }

  CitizenBookingsJson citizenBookings(String cpr) {
    return call("citizen-bookings", () -> http.citizenBookings(cpr));
  }

  BookingJson create(String idempotencyKey, CreateBookingJson request) {
    return call("create", () -> http.create(idempotencyKey, request));
  }

  void cancelByKey(String idempotencyKey) {
    call(
        "cancel-by-key",
        () -> {
          http.cancelByKey(idempotencyKey);
          return null;
        });
  }

  void cancel(UUID indkaldelseId) {
    call(
        "cancel",
        () -> {
          http.cancel(indkaldelseId);
          return null;
        });
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  Bulkhead bulkhead() {
    return bulkhead;
  }

  private <T> T call(String operation, Supplier<T> attempt) {
    Supplier<T> decorated =
        Retry.decorateSupplier(
            retry,
            CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, attempt)));
    long started = System.nanoTime();
    String outcome = "ok";
    try {
      T value = decorated.get();
      if (value instanceof Optional<?> o && o.isEmpty()) {
        outcome = "not-found";
      }
      return value;
    } catch (CallNotPermittedException e) {
      outcome = "circuit-open";
      // the exception's message names the breaker and its state; asking the breaker again here
      // is what crashed the worker on a live outage (see faults/README.md, booking-outage)
      throw new BookingUnavailableException(
          operation + " not attempted: " + e.getMessage(), e, true);
    } catch (BulkheadFullException e) {
      outcome = "bulkhead-full";
      throw new BookingUnavailableException(
          "booking system bulkhead full: " + operation + " not attempted", e, false);
    } catch (TransientBookingFailure e) {
      outcome = "unavailable";
      throw new BookingUnavailableException(
          "booking system unavailable after "
              + retry.getRetryConfig().getMaxAttempts()
              + " attempts: "
              + e.getMessage(),
          e,
          false);
    } catch (BookingRefusedException e) {
      outcome = "refused";
      throw e;
    } catch (RuntimeException e) {
      outcome = "rejected";
      throw e;
    } finally {
      Timer.builder("jobagent.booking.calls")
          .description("calls to the booking system, retries included")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .register(meters)
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
