package dk.jobagent.worker.bulk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The nightly trigger (SPEC §7): on {@code jobagent.bulk.cron} (default 01:00 Europe/Copenhagen)
 * starts every complete file in {@code <inbox>/<clientId>/}: names ending in {@code .jsonl} or
 * {@code .jsonl.gz} (never {@code .part}), with a {@code <file>.done} marker beside it when {@code
 * jobagent.bulk.done-marker} is on, and not run before (a file that has a job instance, e.g. a
 * failed one waiting for an operator's restart, is left alone; completed files were archived). Its
 * scheduler is private: a scheduler bean would replace Spring Boot's own.
 */
@Component
class InboxScanner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxScanner.class);

  private final BulkProperties properties;
  private final BulkLauncher launcher;
  private ThreadPoolTaskScheduler scheduler;

  InboxScanner(BulkProperties properties, BulkLauncher launcher) {
    this.properties = properties;
    this.launcher = launcher;
  }

  /** Starts the complete, not yet run files of the inbox; returns their executions. */
  List<JobExecution> scan() {
    List<JobExecution> started = new ArrayList<>();
    Path inbox = properties.inbox();
    if (!Files.isDirectory(inbox)) {
      log.info("bulk inbox {} does not exist: nothing to do", inbox.toAbsolutePath());
      return started;
    }
    try (DirectoryStream<Path> clients = Files.newDirectoryStream(inbox, Files::isDirectory)) {
      for (Path clientDir : clients) {
        String clientId = clientDir.getFileName().toString();
        if (!BulkFiles.validClientId(clientId)) {
          log.warn("bulk inbox folder '{}' is not a valid client id: skipped", clientId);
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(clientDir, this::complete)) {
          for (Path file : sorted(files)) {
            startQuietly(file, clientId, started);
          }
        }
      }
    } catch (IOException e) {
      log.error("cannot scan the bulk inbox {}: {}", inbox.toAbsolutePath(), e.toString());
    }
    return started;
  }

  private void startQuietly(Path file, String clientId, List<JobExecution> started) {
    try {
      if (launcher.known(file.toAbsolutePath().normalize(), clientId)) {
        return;
      }
      JobExecution execution = launcher.start(file, clientId);
      started.add(execution);
      log.info(
          "bulk file {} of client {} started from the inbox (execution {})",
          file.getFileName(),
          clientId,
          execution.getId());
    } catch (RuntimeException e) {
      log.warn(
          "bulk file {} of client {} not started: {}",
          file.getFileName(),
          clientId,
          e.getMessage());
    }
  }

  private boolean complete(Path file) {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file) || !(name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"))) {
      return false;
    }
    return !properties.doneMarker() || Files.exists(file.resolveSibling(name + ".done"));
  }

  private static List<Path> sorted(DirectoryStream<Path> files) {
    List<Path> list = new ArrayList<>();
    files.forEach(list::add);
    list.sort(null);
    return list;
  }

  @Override
  public void start() {
    if ("-".equals(properties.cron())) {
      log.info("bulk inbox scan disabled (jobagent.bulk.cron=-)");
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("bulk-inbox-");
    scheduler.setPoolSize(1);
    scheduler.initialize();
    scheduler.schedule(
        this::scan, new CronTrigger(properties.cron(), ZoneId.of(properties.zone())));
    log.info(
        "bulk inbox {} scanned on cron '{}' ({})",
        properties.inbox().toAbsolutePath(),
        properties.cron(),
        properties.zone());
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
