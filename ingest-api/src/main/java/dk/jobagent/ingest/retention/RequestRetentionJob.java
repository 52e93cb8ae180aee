package dk.jobagent.ingest.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges request rows (dedupe keys and receipts) older than {@code jobagent.retention.requests}
 * (default P30D): after that an x-requestId may be used again. Deletes in bounded batches (each its
 * own short transaction) so a large purge never holds long locks or a huge WAL burst; SKIP LOCKED
 * lets several instances purge at once without waiting on each other. Metrics: {@code
 * jobagent_retention_purged_total{data="requests"}}, {@code jobagent_retention_failures_total} and
 * {@code jobagent_retention_last_success} (epoch seconds).
 */
@Component
class RequestRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RequestRetentionJob.class);

  private final JdbcClient jdbc;
  private final Duration retention;
  private final int batchSize;
  private final Counter purged;
  private final Counter failures;
  private final AtomicLong lastSuccess = new AtomicLong();

  RequestRetentionJob(
      JdbcClient jdbc,
      @Value("${jobagent.retention.requests:P30D}") Duration retention,
      @Value("${jobagent.retention.purge-batch-size:5000}") int batchSize,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.purged =
        Counter.builder("jobagent.retention.purged")
            .description("Rows removed by the retention purge")
            .tag("data", "requests")
            .register(registry);
    this.failures =
        Counter.builder("jobagent.retention.failures")
            .description("Retention purge runs that failed")
            .tag("data", "requests")
            .register(registry);
    Gauge.builder("jobagent.retention.last.success", lastSuccess, AtomicLong::get)
        .description("Epoch seconds of the last successful purge run")
        .tag("data", "requests")
        .register(registry);
    this.retention = retention;
    this.batchSize = batchSize;
  }

  @Scheduled(
      initialDelayString = "${jobagent.retention.purge-initial-delay:PT1M}",
      fixedDelayString = "${jobagent.retention.purge-interval:PT1H}")
  void scheduledPurge() {
    try {
      purge(Instant.now());
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Request retention purge failed; next run retries: {}", e.toString());
    }
  }

  /** Deletes everything received before {@code now - retention}; returns the number of rows. */
  long purge(Instant now) {
    OffsetDateTime cutoff = now.minus(retention).atOffset(ZoneOffset.UTC);
    long total = 0;
    int deleted;
    do {
      deleted =
          jdbc.sql(
                  """
                  delete from request
                   where (client_id, request_id) in (
                         select client_id, request_id from request
                          where received_at < :cutoff
                          limit :batch
                          for update skip locked)
                  """)
              .param("cutoff", cutoff)
              .param("batch", batchSize)
              .update();
      total += deleted;
    } while (deleted >= batchSize);
    purged.increment(total);
    lastSuccess.set(now.getEpochSecond());
    if (total > 0) {
      log.info("Purged {} request ids received before {}", total, cutoff);
    }
    return total;
  }
}
