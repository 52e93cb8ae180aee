package dk.jobagent.ingest.bulkfile;

import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.Problems;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * An upload's status as GET /v1/bulk-files/{id} shows it. Before the worker starts the file, the
 * row's own status (RECEIVED, QUEUED); after, Spring Batch's status of the file's newest execution
 * (a restart adds one), the committed line outcomes from {@code bulk_line_result}, and while it
 * runs the rate and an estimate of the time left (from the line count taken at upload).
 */
@Component
class BulkFileStatus {

  static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED");

  private final BulkFileRepository repository;
  private final BulkUploadProperties properties;

  BulkFileStatus(BulkFileRepository repository, BulkUploadProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  static ApiProblem notFound() {
    return new ApiProblem(
        Problems.of(
            HttpStatus.NOT_FOUND,
            "bulk-file-not-found",
            "Bulk file not found",
            "No bulk file with this id was uploaded by this client."));
  }

  String storedName(String clientId, UUID id) {
    return repository.find(id, clientId).orElseThrow(BulkFileStatus::notFound).storedName();
  }

  /** Holds the answer up to {@code seconds} while the file is not finished. */
  Map<String, Object> await(String clientId, UUID id, int seconds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    Map<String, Object> view = view(clientId, id);
    while (!FINAL.contains((String) view.get("status")) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(
            Math.min(
                properties.pollInterval().toMillis(),
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      view = view(clientId, id);
    }
    return view;
  }

  Map<String, Object> view(String clientId, UUID id) {
    BulkFileRepository.Row row =
        repository.find(id, clientId).orElseThrow(BulkFileStatus::notFound);
    Map<String, Object> view = new LinkedHashMap<>();
    String self = BulkFileController.location(id);
    view.put("id", id.toString());
    view.put("requestId", row.requestId());
    view.put("clientId", row.clientId());
    view.put("fileName", row.fileName());
    view.put("size", row.sizeBytes());
    view.put("lines", row.lineCount());
    view.put("receivedAt", row.createdAt());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String key : new String[] {"total", "completed", "rejected", "failed", "duplicates"}) {
      counts.put(key, 0L);
    }
    String status =
        switch (row.status()) {
          case "QUEUED" -> "QUEUED";
          case "START_FAILED" -> "FAILED";
          case "STARTED" -> "RUNNING";
          default -> "RECEIVED";
        };
    if (row.detail() != null) {
      view.put("detail", dk.jobagent.schemas.CprMask.maskAll(row.detail()));
    }
    if (row.jobExecutionId() != null) {
      var execution = repository.execution(row.jobExecutionId()).orElse(null);
      if (execution != null) {
        status = batchStatus(execution.status());
        view.put("startedAt", ExecutionTimes.copenhagen(execution.startTime()));
        view.put("finishedAt", ExecutionTimes.copenhagen(execution.endTime()));
        Map<String, Long> lines = repository.lineCounts(execution.instanceId());
        long total = lines.values().stream().mapToLong(Long::longValue).sum();
        counts.put("total", total);
        counts.put("completed", lines.getOrDefault("COMPLETED", 0L));
        counts.put("rejected", lines.getOrDefault("REJECTED", 0L));
        counts.put("failed", lines.getOrDefault("FAILED", 0L));
        counts.put("duplicates", lines.getOrDefault("DUPLICATE", 0L));
        counts.put("pending", lines.getOrDefault("PENDING", 0L));
        if (status.equals("RUNNING")) {
          progress(view, execution, row.lineCount(), total);
        }
      }
    }
    view.put("status", status);
    view.put("counts", counts);
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", self);
    if (status.equals("COMPLETED")) {
      links.put("result", self + "/result");
      view.put("result", self + "/result");
    }
    view.put("links", links);
    // absent rather than null: a member is there when it is known
    view.values().removeIf(java.util.Objects::isNull);
    return view;
  }

  /** Lines per second of the current execution, and the time left at that rate. */
  private static void progress(
      Map<String, Object> view, BulkFileRepository.Execution e, Long lineCount, long done) {
    if (e.stepStart() == null || e.stepUpdated() == null || e.readCount() == 0) {
      return;
    }
    // both times are the worker's clock (Spring Batch's last_updated), so no zone question
    double seconds = Duration.between(e.stepStart(), e.stepUpdated()).toMillis() / 1000.0;
    if (seconds <= 0) {
      return;
    }
    double rate = e.readCount() / seconds;
    view.put("linesPerSecond", Math.round(rate));
    if (lineCount != null && rate > 0) {
      view.put("estimatedSecondsLeft", Math.round(Math.max(0, lineCount - done) / rate));
    }
  }

  private static String batchStatus(String batch) {
    return switch (batch == null ? "UNKNOWN" : batch) {
      case "COMPLETED" -> "COMPLETED";
      case "STOPPED" -> "STOPPED";
      case "STARTING", "STARTED", "STOPPING" -> "RUNNING";
      default -> "FAILED"; // FAILED, ABANDONED, UNKNOWN
    };
  }
}
