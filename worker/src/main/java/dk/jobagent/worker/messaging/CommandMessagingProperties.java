package dk.jobagent.worker.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker consumes enrolment commands ({@code jobagent.worker.commands.*}).
 *
 * @param maxAttempts attempts per command before it becomes a FAILED receipt and goes to the DLQ
 * @param retryDelays back-off tiers: attempt n waits {@code retryDelays[min(n-1, size-1)]}; each
 *     tier is its own TTL queue, so changing a delay declares a new queue instead of clashing with
 *     the old one's arguments
 * @param confirmTimeout how long a republish (retry or dead letter) waits for the broker's confirm
 *     before the original message is acked
 * @param batchSize at most this many CreateJobagent/DeleteJobagent commands are processed in one
 *     transaction (bench/worker: 1 → 32 multiplies throughput; beyond, locks are held longer for
 *     little gain)
 * @param batchWait how long a consumer waits for more commands before it processes a part-full
 *     batch: the latency a command may gain at low load
 */
@ConfigurationProperties("jobagent.worker.commands")
public record CommandMessagingProperties(
    @DefaultValue("5") int maxAttempts,
    @DefaultValue({"1s", "5s", "30s"}) List<Duration> retryDelays,
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("32") int batchSize,
    @DefaultValue("5ms") Duration batchWait) {

  public CommandMessagingProperties {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("jobagent.worker.commands.max-attempts must be >= 1");
    }
    if (retryDelays.isEmpty()) {
      throw new IllegalArgumentException("jobagent.worker.commands.retry-delays must not be empty");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("jobagent.worker.commands.batch-size must be >= 1");
    }
    retryDelays = List.copyOf(retryDelays);
  }

  /** The delay before attempt {@code nextAttempt} (2 = the first retry). */
  Duration delayBefore(int nextAttempt) {
    int tier = Math.min(Math.max(nextAttempt - 2, 0), retryDelays.size() - 1);
    return retryDelays.get(tier);
  }
}
