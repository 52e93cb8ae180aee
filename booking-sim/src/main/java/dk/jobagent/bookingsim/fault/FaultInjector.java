package dk.jobagent.bookingsim.fault;

import dk.jobagent.bookingsim.BookingSimProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides, per /v1 call, the delay and whether to fail. One seeded {@link Random} so that a run
 * with a seed draws the same sequence of outcomes (in call order).
 */
@Component
public class FaultInjector {

  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  /** What to do with one call. */
  enum Outcome {
    PASS,
    FAIL_503,
    RESET
  }

  record Decision(long delayMs, Outcome outcome) {}

  private final MeterRegistry meters;
  private volatile Armed armed;

  private record Armed(FaultSettings settings, Random random) {}

  FaultInjector(BookingSimProperties properties, MeterRegistry meters) {
    this.meters = meters;
    BookingSimProperties.Faults f = properties.faults();
    FaultSettings initial =
        new FaultSettings(
            f.latencyMs(), f.latencyJitterMs(), f.failureRate(), f.resetRate(), f.seed());
    initial.validate();
    apply(initial);
  }

  public FaultSettings settings() {
    return armed.settings();
  }

  public void apply(FaultSettings settings) {
    settings.validate();
    Random random = settings.seed() == null ? new Random() : new Random(settings.seed());
    armed = new Armed(settings, random);
    if (settings.any()) {
      log.warn("fault injection on: {}", settings);
    } else {
      log.info("fault injection off");
    }
  }

  Decision decide() {
    Armed current = armed;
    FaultSettings s = current.settings();
    if (!s.any()) {
      return new Decision(0, Outcome.PASS);
    }
    Random random = current.random();
    long delay;
    double dice;
    // Draw both numbers together so that concurrent calls cannot interleave a seeded sequence.
    synchronized (random) {
      delay =
          s.latencyMs() + (s.latencyJitterMs() > 0 ? random.nextLong(s.latencyJitterMs() + 1) : 0);
      dice = random.nextDouble();
    }
    Outcome outcome;
    if (dice < s.failureRate()) {
      outcome = Outcome.FAIL_503;
    } else if (dice < s.failureRate() + s.resetRate()) {
      outcome = Outcome.RESET;
    } else {
      outcome = Outcome.PASS;
    }
    if (outcome != Outcome.PASS) {
      meters.counter("booking_sim_faults", "kind", outcome.name().toLowerCase()).increment();
    }
    return new Decision(delay, outcome);
  }
}
