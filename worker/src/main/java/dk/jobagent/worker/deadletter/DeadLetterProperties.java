package dk.jobagent.worker.deadletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dead letters for operators ({@code jobagent.worker.dead-letters.*}); the defaults live here so
 * that no shared configuration file has to change.
 *
 * @param consume whether this worker copies {@code jobagent.commands.dlq} into the {@code
 *     dead_letter} table (its listener is {@code dead-letters})
 * @param confirmTimeout how long a re-drive waits for the broker's confirm of its republish
 * @param sweepInterval how often re-drives that were committed but not yet published (a crash, the
 *     broker away) are published again
 * @param listLimit the most rows {@code GET /admin/dlq} answers, newest first
 */
@ConfigurationProperties("jobagent.worker.dead-letters")
public record DeadLetterProperties(
    @DefaultValue("true") boolean consume,
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("30s") Duration sweepInterval,
    @DefaultValue("1000") int listLimit) {}
