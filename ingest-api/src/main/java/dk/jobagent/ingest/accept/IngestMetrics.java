package dk.jobagent.ingest.accept;

import dk.jobagent.schemas.messages.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code jobagent_ingest_requests_total{operation, outcome}}: accepted (202), duplicate (412),
 * rejected (400/403 before storing), unavailable (429 overload, 503 database).
 */
@Component
class IngestMetrics {

  enum Outcome {
    ACCEPTED,
    DUPLICATE,
    REJECTED,
    UNAVAILABLE
  }

  private final Map<Operation, Map<Outcome, Counter>> counters = new EnumMap<>(Operation.class);

  IngestMetrics(MeterRegistry registry) {
    for (Operation op : Operation.values()) {
      Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        byOutcome.put(
            o,
            Counter.builder("jobagent.ingest.requests")
                .description("Write requests by outcome")
                .tag("operation", op.name().toLowerCase(Locale.ROOT))
                .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
      counters.put(op, byOutcome);
    }
  }

  void count(Operation op, Outcome outcome) {
    counters.get(op).get(outcome).increment();
  }
}
