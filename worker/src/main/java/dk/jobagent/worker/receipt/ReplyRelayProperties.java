package dk.jobagent.worker.receipt;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reply relay ({@code jobagent.worker.reply-relay.*}).
 *
 * @param pollInterval the fallback: how often the relay looks at the outbox without a wake-up (rows
 *     written by another worker instance, rows whose back-off ran out)
 * @param batchSize rows published per transaction
 * @param confirmTimeout how long to wait for the broker's confirms of a batch
 * @param maxBackoff the longest wait before a failed row is tried again (doubling from 1 s)
 */
@ConfigurationProperties("jobagent.worker.reply-relay")
public record ReplyRelayProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("200") int batchSize,
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("60s") Duration maxBackoff) {}
