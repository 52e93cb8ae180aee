package dk.jobagent.worker.bulk;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * A test hook: fails the chunk that reaches a given line, after its writes and before its commit,
 * as a crash or a database failure would. Never armed in production (no property or endpoint arms
 * it); the restart tests use it to stop a file mid-way.
 */
@Component
public class BulkFaultHook {

  private final AtomicLong failAtLine = new AtomicLong(Long.MAX_VALUE);

  /** The next chunk whose last line is at or beyond {@code lineNo} fails once. */
  public void failChunkReaching(long lineNo) {
    failAtLine.set(lineNo);
  }

  void afterChunkWritten(long fileId, long lastLineNo) {
    long at = failAtLine.get();
    if (lastLineNo >= at && failAtLine.compareAndSet(at, Long.MAX_VALUE)) {
      throw new InjectedFailure("injected failure in the chunk ending at line " + lastLineNo);
    }
  }

  /** The injected failure. */
  public static final class InjectedFailure extends RuntimeException {
    InjectedFailure(String message) {
      super(message);
    }
  }
}
