package dk.jobagent.ingest.outbox;

import dk.jobagent.schemas.messages.Topology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code jobagent_outbox_backlog}: command rows not yet confirmed by the broker; {@code
 * jobagent_outbox_lag_seconds}: age of the oldest of them (0 when none), i.e. how far the relay is
 * behind. Refreshed on a schedule rather than on scrape, so a slow database never stalls the
 * metrics endpoint.
 */
@Component
class OutboxBacklogGauge {

  private final OutboxRepository outbox;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicReference<Double> lagSeconds = new AtomicReference<>(0.0);

  OutboxBacklogGauge(OutboxRepository outbox, MeterRegistry registry) {
    this.outbox = outbox;
    Gauge.builder("jobagent.outbox.backlog", backlog, AtomicLong::get)
        .description("Outbox rows for jobagent.commands not yet confirmed by the broker")
        .register(registry);
    Gauge.builder("jobagent.outbox.lag", lagSeconds, AtomicReference::get)
        .description("Age of the oldest outbox row for jobagent.commands (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${jobagent.outbox.backlog-refresh:5s}")
  void refresh() {
    try {
      backlog.set(outbox.backlog(Topology.COMMAND_EXCHANGE));
      lagSeconds.set(outbox.oldestAgeSeconds(Topology.COMMAND_EXCHANGE));
    } catch (RuntimeException e) {
      // database unavailable: keep the last value; health shows the outage
    }
  }
}
