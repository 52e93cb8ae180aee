package dk.jobagent.worker.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the worker's retention jobs (audit partitions, bulk files) every {@code
 * jobagent.retention.purge-interval} (default PT1H), first after {@code
 * jobagent.retention.purge-initial-delay} (default PT1M). A private single-thread scheduler: a
 * TaskScheduler bean would replace Spring Boot's own. Several worker instances may run it at once:
 * creating and dropping partitions is idempotent and file deletion tolerates a file already gone.
 */
@Component
class RetentionScheduler implements SmartLifecycle {

  private final AuditRetentionJob audit;
  private final BulkFileRetentionJob bulkFiles;
  private final Duration interval;
  private final Duration initialDelay;
  private ScheduledExecutorService executor;

  RetentionScheduler(
      AuditRetentionJob audit,
      BulkFileRetentionJob bulkFiles,
      @Value("${jobagent.retention.purge-interval:PT1H}") Duration interval,
      @Value("${jobagent.retention.purge-initial-delay:PT1M}") Duration initialDelay) {
    this.audit = audit;
    this.bulkFiles = bulkFiles;
    this.interval = interval;
    this.initialDelay = initialDelay;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("retention").daemon().unstarted(r));
    executor.scheduleWithFixedDelay(
        this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    Clock utc = Clock.systemUTC();
    audit.runQuietly(LocalDate.now(utc));
    bulkFiles.runQuietly(utc.instant());
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
