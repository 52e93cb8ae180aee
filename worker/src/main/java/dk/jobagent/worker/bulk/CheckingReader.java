package dk.jobagent.worker.bulk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and syntax-checks lines AHEAD of the chunk being written: a background thread reads the
 * next batches from the file and checks them in parallel while the step's thread waits for
 * PostgreSQL, so the JVM's share of the work overlaps the database's. Checking is pure (no
 * database), so doing it early changes nothing.
 *
 * <p>Restart-safe: the position saved at each chunk commit is the number of lines HANDED OUT to the
 * step, not the number read ahead; a restart skips exactly the committed lines.
 */
class CheckingReader implements ItemStreamReader<CheckedLine> {

  private static final List<CheckedLine> END = List.of();

  private final JsonLinesReader lines;
  private final LineChecker checker;
  private final BulkWorkers workers;
  private final int batchSize;
  private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
  private Iterator<CheckedLine> current = List.<CheckedLine>of().iterator();
  private long handedOut;
  private boolean ended;
  private Thread prefetch;

  CheckingReader(JsonLinesReader lines, LineChecker checker, BulkWorkers workers, int batchSize) {
    this.lines = lines;
    this.checker = checker;
    this.workers = workers;
    this.batchSize = batchSize;
  }

  @Override
  public void open(ExecutionContext context) {
    lines.open(context);
    handedOut = context.getLong(JsonLinesReader.LINES_READ, 0L);
    prefetch = Thread.ofVirtual().name("bulk-read-ahead").start(this::readAhead);
  }

  private void readAhead() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        List<BulkLine> raw = new ArrayList<>(batchSize);
        BulkLine line;
        while (raw.size() < batchSize && (line = lines.read()) != null) {
          raw.add(line);
        }
        if (!raw.isEmpty()) {
          batches.put(workers.map(raw, checker::check));
        }
        if (raw.size() < batchSize) {
          batches.put(END);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      batches.offer(e);
    }
  }

  @Override
  public CheckedLine read() throws InterruptedException {
    while (!current.hasNext()) {
      if (ended) {
        return null;
      }
      Object next = batches.take();
      if (next instanceof RuntimeException e) {
        ended = true;
        throw new ItemStreamException("cannot read the bulk file", e);
      }
      @SuppressWarnings("unchecked")
      List<CheckedLine> batch = (List<CheckedLine>) next;
      if (batch == END) {
        ended = true;
        return null;
      }
      current = batch.iterator();
    }
    handedOut++;
    return current.next();
  }

  @Override
  public void update(ExecutionContext context) {
    context.putLong(JsonLinesReader.LINES_READ, handedOut);
  }

  @Override
  public void close() {
    if (prefetch != null) {
      prefetch.interrupt();
      try {
        prefetch.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      prefetch = null;
    }
    batches.clear();
    lines.close();
  }
}
