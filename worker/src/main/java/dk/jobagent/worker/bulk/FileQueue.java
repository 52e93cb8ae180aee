package dk.jobagent.worker.bulk;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.core.task.TaskExecutor;

/**
 * Runs at most {@code limit} files' executions at a time, on virtual threads; the others wait in
 * line, first come first served (their executions stay STARTING). Unlike a concurrency-limited
 * executor, handing a file over never blocks the caller: an operator's {@code POST
 * /admin/batch/executions} or the cron scan returns at once while another file is still running.
 */
final class FileQueue implements TaskExecutor {

  private final ExecutorService files;

  FileQueue(int limit) {
    // a fixed pool is the JDK's bounded runner with an unbounded queue in front of it
    this.files =
        Executors.newFixedThreadPool(
            Math.max(1, limit), Thread.ofVirtual().name("bulk-", 0).factory());
  }

  @Override
  public void execute(Runnable file) {
    files.execute(file);
  }
}
