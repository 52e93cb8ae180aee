package dk.jobagent.ingest.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * In-process wake-up: the request writer signals after each commit so the relay publishes at once
 * instead of at its next poll. Signals coalesce (at most one pending permit).
 */
@Component
public class RelaySignal {

  private final Semaphore permit = new Semaphore(0);

  public void signal() {
    if (permit.availablePermits() == 0) {
      permit.release();
    }
  }

  /** Waits for a signal or the timeout; true if signalled. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean signalled = permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    permit.drainPermits();
    return signalled;
  }
}
