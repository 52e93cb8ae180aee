package dk.jobagent.ingest.accept;

import dk.jobagent.ingest.accept.PendingRequest.Key;
import dk.jobagent.ingest.outbox.RelaySignal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Coalesces commits: HTTP requests hand their rows to a bounded queue; a few writer threads each
 * take up to {@code maxBatch} rows (waiting at most {@code linger} for more after the first) and
 * write them in one transaction ({@link RequestBatchWriter}). A request is answered only after its
 * batch committed. One fsync then serves many requests, which is what lets the accept rate exceed
 * one-transaction-per-request.
 *
 * <p>A full queue is refused at once ({@link Overloaded}: 429 with Retry-After) rather than letting
 * latency grow without bound.
 */
@Component
class CommitCoalescer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommitCoalescer.class);
  private static final int MAX_TRANSIENT_RETRIES = 3;

  private final WriterProperties props;
  private final RequestBatchWriter writer;
  private final RelaySignal relaySignal;
  private final BlockingQueue<PendingRequest> queue;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  // While the database is known to be down, new requests are answered 503 at once instead of
  // queueing behind batches that each wait for a connection timeout. One batch per second probes.
  private volatile long databaseDownUntilNanos = System.nanoTime();
  private static final long DOWN_FAST_FAIL_NANOS = TimeUnit.SECONDS.toNanos(1);

  CommitCoalescer(WriterProperties props, RequestBatchWriter writer, RelaySignal relaySignal) {
    this.props = props;
    this.writer = writer;
    this.relaySignal = relaySignal;
    this.queue = new ArrayBlockingQueue<>(props.queueCapacity());
  }

  /** Queues the request; its future completes after the commit (or fails). */
  CompletableFuture<AcceptOutcome> submit(PendingRequest request) {
    if (System.nanoTime() - databaseDownUntilNanos < 0) {
      throw new WriteFailed.Unavailable(null);
    }
    if (!running || !queue.offer(request)) {
      throw new Overloaded();
    }
    return request.outcome;
  }

  int queued() {
    return queue.size();
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < Math.max(1, props.threads()); i++) {
      // Platform threads: they spend their time in JDBC I/O and are few and long-lived.
      Thread t = Thread.ofPlatform().name("request-writer-" + i).daemon().start(this::loop);
      threads.add(t);
    }
  }

  @Override
  public void stop() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    // Anything still queued was never written: say so rather than leave callers hanging.
    List<PendingRequest> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(r -> r.outcome.completeExceptionally(new WriteFailed.Unavailable(null)));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server (which stops at a higher phase) so queued requests get answers. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }

  private void loop() {
    List<PendingRequest> batch = new ArrayList<>(props.maxBatch());
    while (running || !queue.isEmpty()) {
      try {
        PendingRequest first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        collect(batch);
        writeBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Request writer failed on a batch", e);
        batch.forEach(r -> r.outcome.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void collect(List<PendingRequest> batch) throws InterruptedException {
    int max = props.maxBatch();
    queue.drainTo(batch, max - batch.size());
    long deadline = System.nanoTime() + props.linger().toNanos();
    while (batch.size() < max) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      PendingRequest next = queue.poll(remaining, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, max - batch.size());
    }
  }

  /** Splits off repeats within the batch, writes the rest, completes every request. */
  void writeBatch(List<PendingRequest> batch) {
    Map<Key, PendingRequest> firsts = new LinkedHashMap<>();
    List<PendingRequest> repeats = new ArrayList<>();
    for (PendingRequest r : batch) {
      if (firsts.putIfAbsent(r.key(), r) != null) {
        repeats.add(r);
      }
    }
    List<PendingRequest> distinct = new ArrayList<>(firsts.values());
    distinct.sort((a, b) -> a.key().compareTo(b.key()));
    Map<Key, AcceptOutcome> outcomes;
    try {
      outcomes = writeWithRetry(distinct);
    } catch (WriteFailed.DataRejected e) {
      if (distinct.size() == 1) {
        batch.forEach(r -> r.outcome.completeExceptionally(e));
        return;
      }
      // One row's data broke the batch (e.g. a JSON string PostgreSQL's jsonb refuses): write
      // the rows one by one so only that request fails.
      for (PendingRequest r : distinct) {
        List<PendingRequest> sameKey = new ArrayList<>();
        sameKey.add(r);
        repeats.stream().filter(x -> x.key().equals(r.key())).forEach(sameKey::add);
        writeBatch(sameKey);
      }
      return;
    } catch (WriteFailed e) {
      databaseDownUntilNanos = System.nanoTime() + DOWN_FAST_FAIL_NANOS;
      batch.forEach(r -> r.outcome.completeExceptionally(e));
      return;
    }
    relaySignal.signal();
    for (PendingRequest r : distinct) {
      r.outcome.complete(outcomes.get(r.key()));
    }
    for (PendingRequest r : repeats) {
      PendingRequest first = firsts.get(r.key());
      AcceptOutcome firstOutcome = outcomes.get(r.key());
      AcceptOutcome mine;
      if (firstOutcome == AcceptOutcome.ACCEPTED) {
        mine =
            first.bodyHashHex.equals(r.bodyHashHex)
                ? AcceptOutcome.DUPLICATE
                : AcceptOutcome.REUSED;
      } else if (first.bodyHashHex.equals(r.bodyHashHex)) {
        mine = firstOutcome; // same body as the first repeat: same verdict against the stored row
      } else {
        mine = AcceptOutcome.REUSED; // the stored row cannot match both
      }
      r.outcome.complete(mine);
    }
  }

  private Map<Key, AcceptOutcome> writeWithRetry(List<PendingRequest> rows) {
    for (int attempt = 1; ; attempt++) {
      try {
        return writer.write(rows);
      } catch (SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean transientConflict = state.equals("40P01") || state.equals("40001");
        if (transientConflict && attempt < MAX_TRANSIENT_RETRIES) {
          continue;
        }
        if (state.startsWith("22")) {
          throw new WriteFailed.DataRejected(e);
        }
        log.warn("Could not store a batch of {} requests: {} ({})", rows.size(), e, state);
        throw new WriteFailed.Unavailable(e);
      } catch (RuntimeException e) {
        log.warn("Could not store a batch of {} requests: {}", rows.size(), e.toString());
        throw new WriteFailed.Unavailable(e);
      }
    }
  }

  /** The queue is full. */
  static final class Overloaded extends RuntimeException {
    Overloaded() {
      super("writer queue full", null, false, false);
    }
  }

  /** The batch could not be committed. */
  abstract static sealed class WriteFailed extends RuntimeException {
    WriteFailed(Throwable cause) {
      super(cause == null ? "not written" : cause.getMessage(), cause, false, false);
    }

    /** Database unreachable or failing: 503. */
    static final class Unavailable extends WriteFailed {
      Unavailable(Throwable cause) {
        super(cause);
      }
    }

    /** PostgreSQL refused this request's data (SQLSTATE class 22): 400 with 1014. */
    static final class DataRejected extends WriteFailed {
      DataRejected(Throwable cause) {
        super(cause);
      }
    }
  }
}
