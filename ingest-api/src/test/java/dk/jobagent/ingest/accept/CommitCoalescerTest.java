package dk.jobagent.ingest.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.ingest.accept.PendingRequest.Key;
import dk.jobagent.ingest.outbox.RelaySignal;
import dk.jobagent.schemas.messages.Operation;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The coalescer's decisions without a database: failures, overload and in-batch repeats. */
class CommitCoalescerTest {

  private static WriterProperties props(int capacity) {
    return new WriterProperties(1, 64, Duration.ofMillis(2), capacity, Duration.ofSeconds(1));
  }

  private static PendingRequest pending(String id, String hash) {
    return new PendingRequest(
        "c",
        id,
        Operation.CREATE,
        "0101901234",
        "STAR",
        hash,
        "{}",
        Instant.now(),
        "tp",
        "{}",
        "{}");
  }

  @Test
  void aDatabaseOutageFailsTheBatchAsUnavailable() {
    RequestBatchWriter down =
        new RequestBatchWriter(null) {
          @Override
          Map<Key, AcceptOutcome> write(List<PendingRequest> rows) throws SQLException {
            throw new SQLException("Connection refused", "08001");
          }
        };
    CommitCoalescer coalescer = new CommitCoalescer(props(8), down, new RelaySignal());
    PendingRequest r = pending("a", "h");
    coalescer.writeBatch(List.of(r));
    assertThatThrownBy(() -> r.outcome.get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CommitCoalescer.WriteFailed.Unavailable.class);
    // and for a moment, new requests are refused at once rather than queued behind the outage
    assertThatThrownBy(() -> coalescer.submit(pending("b", "h")))
        .isInstanceOf(CommitCoalescer.WriteFailed.Unavailable.class);
  }

  @Test
  void aFullQueueIsRefusedAtOnce() {
    CommitCoalescer coalescer = new CommitCoalescer(props(1), null, new RelaySignal());
    coalescer.start(); // writer threads will fail on the null writer: irrelevant here
    coalescer.stop();
    assertThatThrownBy(() -> coalescer.submit(pending("x", "h")))
        .isInstanceOf(CommitCoalescer.Overloaded.class);
  }

  @Test
  void repeatsWithinOneBatchAreJudgedAgainstTheFirst() throws Exception {
    Map<Key, Integer> written = new HashMap<>();
    RequestBatchWriter fake =
        new RequestBatchWriter(null) {
          @Override
          Map<Key, AcceptOutcome> write(List<PendingRequest> rows) {
            Map<Key, AcceptOutcome> out = new HashMap<>();
            rows.forEach(
                r -> {
                  written.merge(r.key(), 1, Integer::sum);
                  out.put(r.key(), AcceptOutcome.ACCEPTED);
                });
            return out;
          }
        };
    CommitCoalescer coalescer = new CommitCoalescer(props(8), fake, new RelaySignal());
    PendingRequest first = pending("same", "h1");
    PendingRequest retry = pending("same", "h1");
    PendingRequest reuse = pending("same", "h2");
    coalescer.writeBatch(List.of(first, retry, reuse));
    assertThat(written).containsEntry(new Key("c", "same"), 1);
    assertThat(first.outcome.get()).isEqualTo(AcceptOutcome.ACCEPTED);
    assertThat(retry.outcome.get()).isEqualTo(AcceptOutcome.DUPLICATE);
    assertThat(reuse.outcome.get()).isEqualTo(AcceptOutcome.REUSED);
  }
}
