package dk.jobagent.worker.bulk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs a running file's progress at most every {@code jobagent.bulk.progress-interval}: lines read
 * and written, and the rate since the step started. Counts only: no line content, so no CPR. Every
 * committed chunk also adds its lines to the counter {@code jobagent.bulk.lines}, whose {@code
 * rate()} is the lines per second across all running files.
 */
class ProgressListener implements StepExecutionListener, ChunkListener<CheckedLine, CheckedLine> {

  private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

  private final Duration interval;
  private final Counter lines;
  private StepExecution step;
  private long lastLog;

  ProgressListener(Duration interval, MeterRegistry registry) {
    this.interval = interval;
    this.lines =
        Counter.builder("jobagent.bulk.lines")
            .description("Bulk file lines written (committed chunks)")
            .register(registry);
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    this.step = stepExecution;
    this.lastLog = System.nanoTime();
  }

  @Override
  public void afterChunk(Chunk<CheckedLine> chunk) {
    lines.increment(chunk.size());
    long now = System.nanoTime();
    if (step == null || now - lastLog < interval.toNanos()) {
      return;
    }
    lastLog = now;
    log.info(
        "bulk file id {} (execution {}): {} lines read, {} written, {} lines/s",
        step.getJobExecution().getJobInstanceId(),
        step.getJobExecutionId(),
        step.getReadCount(),
        step.getWriteCount(),
        Math.round(rate(step)));
  }

  static double rate(StepExecution step) {
    LocalDateTime start = step.getStartTime();
    if (start == null) {
      return 0;
    }
    LocalDateTime end = step.getEndTime() == null ? LocalDateTime.now() : step.getEndTime();
    double seconds = Duration.between(start, end).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : step.getReadCount() / seconds;
  }
}
