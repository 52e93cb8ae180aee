package dk.jobagent.worker.bulk;

import java.util.concurrent.Semaphore;
import org.springframework.core.task.TaskExecutor;

/**
 * Runs each file's execution on its own virtual thread, at most {@code limit} at a time; the others
 * wait in line (their executions stay STARTING). Unlike a concurrency-limited executor, handing a
 * file over never blocks the caller: an operator's {@code POST /admin/batch/executions} or the cron
 * scan returns at once while another file is still running.
 */
final class FileQueue implements TaskExecutor {

  private final Semaphore running;

  FileQueue(int limit) {
    this.running = new Semaphore(Math.max(1, limit), true);
  }

  @Override
  public void execute(Runnable file) {
    Thread.ofVirtual()
        .name("bulk-", 0)
        .start(
            () -> {
              try {
                running.acquire();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              try {
                file.run();
              } finally {
                running.release();
              }
            });
  }
}
