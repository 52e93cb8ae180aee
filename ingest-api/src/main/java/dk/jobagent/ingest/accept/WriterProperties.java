package dk.jobagent.ingest.accept;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jobagent.ingest.writer.*}: the coalescing writer. Up to {@code maxBatch} accepted writes
 * or {@code linger} of waiting, whichever comes first, share one transaction (one fsync); {@code
 * queueCapacity} bounds the requests waiting (beyond it: 429 with Retry-After).
 */
@ConfigurationProperties("jobagent.ingest.writer")
record WriterProperties(
    @DefaultValue("2") int threads,
    @DefaultValue("64") int maxBatch,
    @DefaultValue("2ms") Duration linger,
    @DefaultValue("512") int queueCapacity,
    @DefaultValue("10s") Duration commitTimeout) {}
