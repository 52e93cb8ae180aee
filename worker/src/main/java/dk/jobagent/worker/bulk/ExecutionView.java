package dk.jobagent.worker.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.CprMask;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One execution as the admin endpoint lists it: status, the file, Spring Batch's counts of the
 * lines step and the rate, and the line outcomes per status and code committed so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExecutionView(
    long id,
    long fileId,
    String file,
    String client,
    String status,
    String exitCode,
    String exitMessage,
    OffsetDateTime startTime,
    OffsetDateTime endTime,
    long readCount,
    long writeCount,
    long skipCount,
    long commitCount,
    long rollbackCount,
    long linesPerSecond,
    Map<String, Long> statuses,
    Map<String, Long> codes) {

  /** Spring Batch records local times of this JVM's zone. */
  static OffsetDateTime copenhagen(LocalDateTime time) {
    return time == null
        ? null
        : time.atZone(ZoneId.systemDefault())
            .withZoneSameInstant(CopenhagenDates.ZONE)
            .toOffsetDateTime();
  }

  static ExecutionView of(JobExecution e) {
    StepExecution lines =
        e.getStepExecutions().stream()
            .filter(s -> s.getStepName().equals(BulkJobConfiguration.STEP_LINES))
            .findFirst()
            .orElse(null);
    Map<String, Long> statuses = new TreeMap<>();
    Map<String, Long> codes = new TreeMap<>();
    if (lines != null) {
      ExecutionContext context = lines.getExecutionContext();
      for (Map.Entry<String, Object> entry : context.entrySet()) {
        if (entry.getKey().startsWith(BulkChunkWriter.COUNT_PREFIX)) {
          statuses.put(
              entry.getKey().substring(BulkChunkWriter.COUNT_PREFIX.length()),
              ((Number) entry.getValue()).longValue());
        } else if (entry.getKey().startsWith(BulkChunkWriter.CODE_PREFIX)) {
          codes.put(
              entry.getKey().substring(BulkChunkWriter.CODE_PREFIX.length()),
              ((Number) entry.getValue()).longValue());
        }
      }
    }
    // an exception's text (e.g. a database error's detail) could quote a CPR
    String message = CprMask.maskAll(e.getExitStatus().getExitDescription());
    return new ExecutionView(
        e.getId(),
        e.getJobInstanceId(),
        e.getJobParameters().getString(BulkJobConfiguration.PARAM_FILE),
        e.getJobParameters().getString(BulkJobConfiguration.PARAM_CLIENT),
        e.getStatus().name(),
        e.getExitStatus().getExitCode(),
        message == null || message.isEmpty()
            ? null
            : message.length() > 500 ? message.substring(0, 500) + "…" : message,
        copenhagen(e.getStartTime()),
        copenhagen(e.getEndTime()),
        lines == null ? 0 : lines.getReadCount(),
        lines == null ? 0 : lines.getWriteCount(),
        lines == null ? 0 : lines.getSkipCount(),
        lines == null ? 0 : lines.getCommitCount(),
        lines == null ? 0 : lines.getRollbackCount(),
        lines == null ? 0 : Math.round(ProgressListener.rate(lines)),
        statuses,
        codes);
  }
}
