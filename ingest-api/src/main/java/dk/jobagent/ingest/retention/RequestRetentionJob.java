package dk.jobagent.ingest.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * lets several instances purge at once without waiting on each other.
 */
@Component
class RequestRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RequestRetentionJob.class);

  private final JdbcClient jdbc;
  private final Duration retention;
  private final int batchSize;

  RequestRetentionJob(
      JdbcClient jdbc,
      @Value("${jobagent.retention.requests:P30D}") Duration retention,
      @Value("${jobagent.retention.purge-batch-size:5000}") int batchSize) {
    this.jdbc = jdbc;
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
    if (total > 0) {
      log.info("Purged {} request ids received before {}", total, cutoff);
    }
    return total;
  }
}
