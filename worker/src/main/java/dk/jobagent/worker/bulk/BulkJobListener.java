package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.messages.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a file's execution ends (COMPLETED, FAILED or STOPPED): publishes the summary through the
 * outbox to the client's reply routing key, releases the file's lock and logs the outcome. The
 * counts are read from the committed per-line results, so they are right across restarts.
 */
@Component
class BulkJobListener implements JobExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(BulkJobListener.class);

  private final BulkResultRepository results;
  private final BulkWriteRepository writes;
  private final BulkFileLock lock;
  private final JsonMapper json;
  private final TransactionTemplate tx;

  BulkJobListener(
      BulkResultRepository results,
      BulkWriteRepository writes,
      BulkFileLock lock,
      JsonMapper json,
      TransactionTemplate tx) {
    this.results = results;
    this.writes = writes;
    this.lock = lock;
    this.json = json;
    this.tx = tx;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    String file = execution.getJobParameters().getString(BulkJobConfiguration.PARAM_FILE);
    lock.attach(file, execution.getId());
    log.info(
        "bulk file {} of client {} started (file id {}, execution {})",
        Path.of(file).getFileName(),
        execution.getJobParameters().getString(BulkJobConfiguration.PARAM_CLIENT),
        execution.getJobInstanceId(),
        execution.getId());
  }

  @Override
  public void afterJob(JobExecution execution) {
    String file = execution.getJobParameters().getString(BulkJobConfiguration.PARAM_FILE);
    String clientId = execution.getJobParameters().getString(BulkJobConfiguration.PARAM_CLIENT);
    long fileId = execution.getJobInstanceId();
    try {
      BatchStatus status = execution.getStatus();
      String summaryStatus =
          switch (status) {
            case COMPLETED -> "COMPLETED";
            case STOPPED, STOPPING -> "STOPPED";
            default -> "FAILED";
          };
      Map<String, Long> byStatus = results.countsByStatus(fileId);
      Map<Integer, Long> byCode = results.countsByCode(fileId);
      BulkCounts counts = BulkCounts.of(byStatus);
      Path input = Path.of(file);
      OffsetDateTime started = copenhagen(execution.getStartTime());
      OffsetDateTime finished =
          copenhagen(execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime());
      BulkSummary summary =
          new BulkSummary(
              BulkSummary.TYPE,
              Long.toString(fileId),
              clientId,
              input.getFileName().toString(),
              summaryStatus,
              started,
              finished,
              counts,
              BulkFiles.resultFileName(input));
      String codes =
          byCode.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","));
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-jobagent-client-id", clientId);
      headers.put("x-jobagent-message-type", BulkSummary.TYPE);
      headers.put("x-jobagent-bulk-file-id", Long.toString(fileId));
      headers.put("x-jobagent-bulk-codes", codes);
      tx.executeWithoutResult(
          s ->
              writes.insertReply(
                  Topology.RECEIPT_EXCHANGE,
                  Topology.receiptRoutingKey(clientId),
                  "bulk-" + fileId + "-" + execution.getId(),
                  json.writeValueAsString(summary),
                  json.writeValueAsString(headers)));
      Duration took = started == null ? Duration.ZERO : Duration.between(started, finished);
      log.info(
          "bulk file {} of client {} ended {} in {} s (file id {}, execution {}): {} lines,"
              + " {} completed, {} rejected, {} failed, {} duplicates; codes {}",
          input.getFileName(),
          clientId,
          summaryStatus,
          took.toMillis() / 1000.0,
          fileId,
          execution.getId(),
          counts.total(),
          counts.completed(),
          counts.rejected(),
          counts.failed(),
          counts.duplicates(),
          codes.isEmpty() ? "none" : codes);
    } finally {
      lock.release(file, execution.getId());
    }
  }

  private static OffsetDateTime copenhagen(LocalDateTime time) {
    return ExecutionView.copenhagen(time);
  }
}
