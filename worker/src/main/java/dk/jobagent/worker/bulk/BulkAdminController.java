package dk.jobagent.worker.bulk;

import dk.jobagent.worker.bulk.BulkLauncher.BulkRequestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' bulk-file endpoints (SPEC §8, {@code bin/jobagent batch …}); {@code /admin/**} needs
 * scope {@code jobagent.admin} (worker security config).
 */
@RestController
@RequestMapping("/admin/batch/executions")
class BulkAdminController {

  /** {@code {"file": "/abs/path", "client": "ID"}}. */
  record RunRequest(String file, String client) {}

  private final BulkLauncher launcher;
  private final JobRepository jobRepository;

  BulkAdminController(BulkLauncher launcher, JobRepository jobRepository) {
    this.launcher = launcher;
    this.jobRepository = jobRepository;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ExecutionView> run(@RequestBody RunRequest request) {
    if (request == null || request.file() == null || request.file().isBlank()) {
      throw new BulkRequestException("file is required (an absolute path)", 400);
    }
    if (!Path.of(request.file()).isAbsolute()) {
      throw new BulkRequestException("file must be an absolute path", 400);
    }
    JobExecution execution = launcher.start(Path.of(request.file()), request.client());
    return ResponseEntity.accepted().body(ExecutionView.of(execution));
  }

  /** The newest executions first (of the last {@code limit} files). */
  @GetMapping
  List<ExecutionView> list(@RequestParam(defaultValue = "50") int limit) {
    List<ExecutionView> views = new ArrayList<>();
    for (JobInstance instance :
        jobRepository.getJobInstances(
            BulkJobConfiguration.JOB_NAME, 0, Math.max(1, Math.min(limit, 500)))) {
      for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
        views.add(ExecutionView.of(execution));
      }
    }
    views.sort(Comparator.comparingLong(ExecutionView::id).reversed());
    return views;
  }

  @GetMapping("/{id}")
  ExecutionView get(@PathVariable long id) {
    return ExecutionView.of(launcher.find(id));
  }

  @PostMapping("/{id}/restart")
  ResponseEntity<ExecutionView> restart(@PathVariable long id) {
    return ResponseEntity.accepted().body(ExecutionView.of(launcher.restart(id)));
  }

  @PostMapping("/{id}/stop")
  ResponseEntity<ExecutionView> stop(@PathVariable long id) {
    return ResponseEntity.accepted().body(ExecutionView.of(launcher.stop(id)));
  }

  @PostMapping("/{id}/recover")
  ExecutionView recover(@PathVariable long id) {
    return ExecutionView.of(launcher.recover(id));
  }

  @ExceptionHandler(BulkRequestException.class)
  ResponseEntity<ProblemDetail> problem(BulkRequestException e) {
    HttpStatus status = HttpStatus.valueOf(e.status);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
