package dk.jobagent.worker.bulkupload;

import dk.jobagent.worker.bulk.BulkLauncher;
import dk.jobagent.worker.bulk.BulkProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts uploads that asked for {@code ?start=now} (status QUEUED) through the bulk job's own
 * {@link BulkLauncher}, so they take the same file lock, concurrency limit and restart rules as the
 * nightly scan; and links uploads that the nightly scan (or an operator) started to their
 * execution, so ingest-api can show their progress. Its scheduler is private, like the inbox
 * scanner's: a scheduler bean would replace Spring Boot's own.
 */
@Component
class UploadPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UploadPoller.class);
  private static final int MAX_STARTS_PER_TICK = 10;

  private final UploadRepository uploads;
  private final BulkLauncher launcher;
  private final BulkProperties bulk;
  private final UploadPollerProperties properties;
  private ThreadPoolTaskScheduler scheduler;

  UploadPoller(
      UploadRepository uploads,
      BulkLauncher launcher,
      BulkProperties bulk,
      UploadPollerProperties properties) {
    this.uploads = uploads;
    this.launcher = launcher;
    this.bulk = bulk;
    this.properties = properties;
  }

  /** One round: requeue abandoned claims, start queued uploads, link the others' executions. */
  void tick() {
    try {
      uploads.requeueAbandonedClaims(properties.claimGrace());
      for (int i = 0; i < MAX_STARTS_PER_TICK; i++) {
        Optional<UploadRepository.Claimed> claimed = uploads.claimNext();
        if (claimed.isEmpty()) {
          break;
        }
        start(claimed.get());
      }
      uploads.linkStartedElsewhere(inbox().toString() + "/");
    } catch (RuntimeException e) {
      // the database may be away for a moment: the next tick tries again
      log.warn("bulk upload poll failed: {}", e.toString());
    }
  }

  private Path inbox() {
    return bulk.inbox().toAbsolutePath().normalize();
  }

  private void start(UploadRepository.Claimed upload) {
    Path file = inbox().resolve(upload.clientId()).resolve(upload.storedName());
    try {
      JobExecution execution = launcher.start(file, upload.clientId());
      uploads.launched(upload.id(), execution.getId());
      log.info(
          "uploaded bulk file {} of client {} started (execution {})",
          upload.id(),
          upload.clientId(),
          execution.getId());
    } catch (RuntimeException e) {
      // e.g. the scan started it a moment ago (linked below), or the shared inbox is not mounted
      // here (the file is missing): the upload shows FAILED with the reason
      uploads.startFailed(upload.id(), String.valueOf(e.getMessage()));
      log.warn(
          "uploaded bulk file {} of client {} not started: {}",
          upload.id(),
          upload.clientId(),
          e.getMessage());
    }
  }

  @Override
  public void start() {
    if (properties.pollInterval().isZero() || properties.pollInterval().isNegative()) {
      log.info("bulk upload poller disabled (jobagent.bulk-upload.poll-interval)");
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("bulk-upload-");
    scheduler.setPoolSize(1);
    scheduler.initialize();
    scheduler.scheduleWithFixedDelay(this::tick, properties.pollInterval());
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
