package dk.jobagent.worker.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code jobagent_dead_letters}: dead letters stored and not re-driven (a count on a partial index
 * per scrape; NaN while the database cannot be asked). Unlike {@code jobagent.commands.dlq.depth},
 * which drops to zero as soon as this worker copies the queue into the table, this is what waits
 * for an operator.
 */
@Component
class DeadLetterMetrics {

  DeadLetterMetrics(MeterRegistry registry, DeadLetterRepository repository) {
    Gauge.builder("jobagent.dead.letters", repository, DeadLetterMetrics::waiting)
        .description("dead-lettered commands waiting for an operator (not re-driven)")
        .register(registry);
  }

  private static double waiting(DeadLetterRepository repository) {
    try {
      return repository.waiting();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
