package dk.jobagent.worker.messaging;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Properties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

/**
 * Command metrics: {@code jobagent.commands.processed} (outcome, operation, primary code), {@code
 * jobagent.commands.processing} (latency per outcome) and {@code jobagent.commands.dlq.depth} (a
 * passive queue declare per scrape; NaN when the broker cannot be asked).
 */
@Component
class CommandMetrics {

  private final MeterRegistry registry;

  CommandMetrics(MeterRegistry registry, AmqpAdmin admin) {
    this.registry = registry;
    Gauge.builder("jobagent.commands.dlq.depth", admin, CommandMetrics::dlqDepth)
        .description("messages waiting in " + Topology.DEAD_LETTER_QUEUE)
        .register(registry);
  }

  /** One processed delivery; code is the primary error or warning, when there is one. */
  void processed(String outcome, Operation operation, ErrorCode code, long nanos) {
    Counter.builder("jobagent.commands.processed")
        .description("enrolment command deliveries by outcome")
        .tag("outcome", outcome)
        .tag("operation", operation == null ? "unknown" : operation.name())
        .tag("code", code == null ? "none" : Integer.toString(code.code()))
        .register(registry)
        .increment();
    Timer.builder("jobagent.commands.processing")
        .description("time from delivery to ack")
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private static double dlqDepth(AmqpAdmin admin) {
    try {
      Properties info = admin.getQueueProperties(Topology.DEAD_LETTER_QUEUE);
      Object count = info == null ? null : info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
      return count instanceof Number n ? n.doubleValue() : Double.NaN;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
