package dk.jobagent.worker.booking;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.booking.BookingAttemptRepository.Attempt;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives up idempotency keys of requests that ended without their booking: {@code DELETE
 * /v1/bookings} with the key cancels whatever it booked and closes it, so that not even a create
 * still in flight can leave a booking behind. Tried right after the final receipt commits; when the
 * booking system cannot be reached then, a sweep retries with back-off until it answers 204.
 *
 * <p>Gauge {@code jobagent.booking.cancels.pending}: keys still to give up.
 */
@Component
class BookingCancels implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BookingCancels.class);
  private static final int BATCH = 20;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private final BookingAttemptRepository attempts;
  private final BookingClient client;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Duration interval;
  private volatile Thread sweeper;

  BookingCancels(
      BookingAttemptRepository attempts,
      BookingClient client,
      PlatformTransactionManager transactions,
      BookingProperties properties,
      MeterRegistry meters,
      AuditLog audit) {
    this.attempts = attempts;
    this.client = client;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.interval = properties.cancelSweepInterval();
    Gauge.builder("jobagent.booking.cancels.pending", this, BookingCancels::pending)
        .description("idempotency keys still to give up at the booking system")
        .register(meters);
  }

  /** Tries the one request's cancel now (on a virtual thread: never holds up the caller). */
  void cancelSoon(String clientId, String requestId) {
    Thread.ofVirtual()
        .name("booking-cancel")
        .start(() -> run(() -> attempts.claimCancel(clientId, requestId)));
  }

  /** One sweep over the due cancels; returns how many were settled. */
  int sweep() {
    return run(() -> attempts.claimDueCancels(BATCH));
  }

  private int run(java.util.function.Supplier<List<Attempt>> claim) {
    try {
      Integer done =
          tx.execute(
              status -> {
                int settled = 0;
                for (Attempt a : claim.get()) {
                  settled += cancel(a) ? 1 : 0;
                }
                return settled;
              });
      return done == null ? 0 : done;
    } catch (RuntimeException e) {
      log.warn("booking cancel sweep failed: {}", CprMask.maskAll(e.toString()));
      return 0;
    }
  }

  private boolean cancel(Attempt a) {
    try {
      client.cancelByKey(a.idempotencyKey());
      attempts.delete(a.clientId(), a.requestId());
      // 204 either way: whatever the key had booked is cancelled now
      audit.recordForRequestRow(
          a.clientId(), a.requestId(), AuditLog.BOOKING_CANCELLED, "COMPLETED", null);
      log.info("{}/{}: booking key given up (cancelled)", a.clientId(), a.requestId());
      return true;
    } catch (RuntimeException e) {
      Duration wait = backoff(a.cancelAttempts());
      attempts.cancelFailed(a, wait, e.toString());
      log.warn(
          "{}/{}: booking key not given up yet ({}); next try in {}",
          a.clientId(),
          a.requestId(),
          e.getMessage(),
          wait);
      return false;
    }
  }

  private Duration backoff(int failures) {
    long factor = 1L << Math.min(failures, 10);
    Duration wait = interval.multipliedBy(factor);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  private double pending() {
    try {
      return attempts.countPendingCancels();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public void start() {
    sweeper =
        Thread.ofVirtual()
            .name("booking-cancel-sweep")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(interval);
                    } catch (InterruptedException e) {
                      return;
                    }
                    sweep();
                  }
                });
  }

  @Override
  public void stop() {
    Thread t = sweeper;
    sweeper = null;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return sweeper != null;
  }
}
