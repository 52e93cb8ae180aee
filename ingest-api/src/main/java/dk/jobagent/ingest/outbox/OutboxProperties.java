package dk.jobagent.ingest.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jobagent.outbox.*}: rows claimed per round, the poll fallback when no in-process signal
 * came, how long to wait for publisher confirms, and the cap of the retry back-off.
 */
@ConfigurationProperties("jobagent.outbox")
record OutboxProperties(
    @DefaultValue("256") int batchSize,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("10s") Duration confirmTimeout,
    @DefaultValue("30s") Duration maxBackoff) {}
