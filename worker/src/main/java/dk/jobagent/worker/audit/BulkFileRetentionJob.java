package dk.jobagent.worker.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes bulk result files ({@code jobagent.bulk.outbox}) and archived input files ({@code
 * jobagent.bulk.archive}) last modified more than {@code jobagent.retention.bulk-files} (default
 * P30D) ago: both hold citizens' data (the input files full CPRs). Regular files only, at any depth
 * (a folder per client id); folders stay.
 */
@Component
class BulkFileRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(BulkFileRetentionJob.class);

  private final List<Path> roots;
  private final Duration retention;
  private final Counter purged;
  private final Counter failures;
  private final AtomicLong lastSuccess = new AtomicLong();

  BulkFileRetentionJob(
      @Value("${jobagent.bulk.outbox:./data/bulk/outbox}") Path outbox,
      @Value("${jobagent.bulk.archive:./data/bulk/archive}") Path archive,
      @Value("${jobagent.retention.bulk-files:P30D}") Duration retention,
      MeterRegistry registry) {
    this.roots = List.of(outbox, archive);
    this.retention = retention;
    this.purged =
        Counter.builder("jobagent.retention.purged")
            .description("Rows (or, for audit, monthly partitions) removed by retention purges")
            .tag("data", "bulk_files")
            .register(registry);
    this.failures =
        Counter.builder("jobagent.retention.failures")
            .description("Retention purge runs that failed")
            .tag("data", "bulk_files")
            .register(registry);
    Gauge.builder("jobagent.retention.last.success", lastSuccess, AtomicLong::get)
        .description("Epoch seconds of the last successful purge run")
        .tag("data", "bulk_files")
        .register(registry);
  }

  void runQuietly(Instant now) {
    try {
      purge(now);
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Bulk file retention purge failed; next run retries: {}", e.toString());
    }
  }

  /** Deletes the expired files under both roots; returns how many. */
  long purge(Instant now) {
    Instant cutoff = now.minus(retention);
    long deleted = 0;
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)
              && Files.deleteIfExists(f)) {
            deleted++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot purge " + root, e);
      }
    }
    purged.increment(deleted);
    lastSuccess.set(now.getEpochSecond());
    if (deleted > 0) {
      log.info("Deleted {} bulk files last modified before {}", deleted, cutoff);
    }
    return deleted;
  }
}
