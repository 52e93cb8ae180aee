package dk.jobagent.worker.messaging;

import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;

/**
 * Names of the back-off queues. One TTL queue per (delay, original routing key): the queue
 * dead-letters back to the command exchange with exactly the routing key the command had, so a
 * retried command lands in the queue it came from without any header tricks.
 */
final class RetryQueues {

  private RetryQueues() {}

  /** e.g. {@code 5s.enrolment.create}: the binding key on the retry exchange. */
  static String routingKey(Duration delay, String originalRoutingKey) {
    return label(delay) + "." + originalRoutingKey;
  }

  /** e.g. {@code jobagent.commands.retry.5s.enrolment.create}. */
  static String queueName(Duration delay, String originalRoutingKey) {
    return Topology.RETRY_EXCHANGE + "." + routingKey(delay, originalRoutingKey);
  }

  static String label(Duration delay) {
    long millis = delay.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
