package dk.jobagent.worker.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts, restarts, stops and recovers bulk-file executions for the cron scan and the admin
 * endpoint. Uses its own asynchronous job operator (the application's stays synchronous), so a
 * start returns as soon as the execution exists; at most {@code max-concurrent-files} files run at
 * once, further ones wait in line ({@link FileQueue}) without holding up the caller. Every start
 * and restart first takes the file's database lock.
 */
@Service
public class BulkLauncher {

  private static final Logger log = LoggerFactory.getLogger(BulkLauncher.class);

  /** Why a request to the launcher cannot be honoured, with the HTTP status that says so. */
  static final class BulkRequestException extends RuntimeException {
    final int status;

    BulkRequestException(String message, int status) {
      super(message);
      this.status = status;
    }
  }

  private final Job job;
  private final JobRepository jobRepository;
  private final BulkFileLock lock;
  private final TaskExecutorJobOperator operator;

  BulkLauncher(
      Job bulkEnrolmentJob,
      JobRepository jobRepository,
      BulkFileLock lock,
      BulkProperties properties)
      throws Exception {
    this.job = bulkEnrolmentJob;
    this.jobRepository = jobRepository;
    this.lock = lock;
    MapJobRegistry registry = new MapJobRegistry();
    registry.register(bulkEnrolmentJob);
    this.operator = new TaskExecutorJobOperator();
    operator.setJobRepository(jobRepository);
    operator.setJobRegistry(registry);
    operator.setTaskExecutor(new FileQueue(properties.maxConcurrentFiles()));
    operator.afterPropertiesSet();
  }

  /** The identifying parameters of a file as it is now. */
  static JobParameters parameters(Path file, String clientId) {
    try {
      String fingerprint = Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis();
      return new JobParametersBuilder()
          .addString(BulkJobConfiguration.PARAM_FILE, file.toString())
          .addString(BulkJobConfiguration.PARAM_CLIENT, clientId)
          .addString(BulkJobConfiguration.PARAM_FINGERPRINT, fingerprint)
          .toJobParameters();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether this file (as it is now) already has a job instance: started, failed or done. */
  boolean known(Path file, String clientId) {
    return jobRepository.getJobInstance(BulkJobConfiguration.JOB_NAME, parameters(file, clientId))
        != null;
  }

  public JobExecution start(Path requested, String clientId) {
    if (!BulkFiles.validClientId(clientId)) {
      throw new BulkRequestException("client must be 1-100 letters, digits, '.', '_' or '-'", 400);
    }
    Path file = requested.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BulkRequestException("no readable file " + file, 400);
    }
    JobParameters parameters = parameters(file, clientId);
    JobInstance instance = jobRepository.getJobInstance(BulkJobConfiguration.JOB_NAME, parameters);
    if (instance != null) {
      JobExecution last = jobRepository.getLastJobExecution(instance);
      String advice =
          last != null && last.getStatus() == BatchStatus.COMPLETED
              ? "it completed; to run the same lines again, give the file a new name"
              : "restart, stop or recover that execution instead";
      throw new BulkRequestException(
          "this file was already run as file id %d (execution %s, %s): %s"
              .formatted(
                  instance.getInstanceId(),
                  last == null ? "?" : last.getId(),
                  last == null ? "unknown" : last.getStatus(),
                  advice),
          409);
    }
    return launch(file.toString(), clientId, () -> operator.start(job, parameters));
  }

  JobExecution restart(long executionId) {
    JobExecution execution = find(executionId);
    String file = execution.getJobParameters().getString(BulkJobConfiguration.PARAM_FILE);
    String clientId = execution.getJobParameters().getString(BulkJobConfiguration.PARAM_CLIENT);
    return launch(file, clientId, () -> operator.restart(execution));
  }

  JobExecution stop(long executionId) {
    JobExecution execution = find(executionId);
    try {
      operator.stop(execution);
    } catch (JobExecutionNotRunningException e) {
      throw new BulkRequestException(
          "execution " + executionId + " is not running (" + execution.getStatus() + ")", 409);
    }
    return jobRepository.getJobExecution(executionId);
  }

  /** Marks an execution left STARTED by a crash (and its steps) FAILED, so it can be restarted. */
  JobExecution recover(long executionId) {
    JobExecution execution = find(executionId);
    if (!execution.isRunning()) {
      throw new BulkRequestException(
          "execution " + executionId + " is " + execution.getStatus() + ", nothing to recover",
          409);
    }
    JobExecution recovered = operator.recover(execution);
    log.info("bulk execution {} recovered: now {}", executionId, recovered.getStatus());
    return recovered;
  }

  JobExecution find(long executionId) {
    JobExecution execution;
    try {
      execution = jobRepository.getJobExecution(executionId);
    } catch (org.springframework.dao.EmptyResultDataAccessException e) {
      execution = null; // Spring Batch 6's JDBC DAO throws for an unknown id
    }
    if (execution == null
        || !BulkJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
      throw new BulkRequestException("no bulk execution " + executionId, 404);
    }
    return execution;
  }

  private interface Launch {
    JobExecution run() throws Exception;
  }

  private JobExecution launch(String file, String clientId, Launch launch) {
    if (!lock.acquire(file, clientId)) {
      throw new BulkRequestException("the file " + file + " is being processed right now", 409);
    }
    JobExecution execution;
    try {
      execution = launch.run();
    } catch (Exception e) {
      lock.release(file, null);
      if (e instanceof BulkRequestException b) {
        throw b;
      }
      throw new BulkRequestException(
          "could not start " + Path.of(file).getFileName() + ": " + e.getMessage(), 409);
    }
    lock.attach(file, execution.getId());
    return execution;
  }
}
