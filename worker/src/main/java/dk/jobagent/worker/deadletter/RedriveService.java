package dk.jobagent.worker.deadletter;

import dk.jobagent.schemas.messages.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-drives dead letters: in ONE transaction each waiting row gets an outbox row (the command
 * again, its original routing key, the attempt counter back at 1) and is marked re-driven, so a
 * crash either keeps both or neither. After the commit the outbox rows are published with confirms;
 * what is not published then is published by the sweep or by ingest-api's relay.
 *
 * <p>A re-driven command goes through the normal path, which is idempotent by requestId: a request
 * whose receipt is still PENDING is processed exactly once; one whose receipt is final is skipped.
 * Re-drive never turns a FAILED receipt back into PENDING: the caller has already been told FAILED
 * (receipt and reply), and a second, different final answer for the same requestId is what the
 * product promises never to give. Re-drive is for commands that died before their request got a
 * final receipt (a command that arrived before its request row, a FAILED receipt that could not be
 * written, a poison message after the fix is deployed).
 */
@Service
class RedriveService {

  private final DeadLetterRepository repository;
  private final RedriveOutbox outbox;
  private final RedrivePublisher publisher;
  private final TransactionTemplate tx;
  private final JsonMapper json;

  RedriveService(
      DeadLetterRepository repository,
      RedriveOutbox outbox,
      RedrivePublisher publisher,
      TransactionTemplate tx,
      JsonMapper json) {
    this.repository = repository;
    this.outbox = outbox;
    this.publisher = publisher;
    this.tx = tx;
    this.json = json;
  }

  private record Committed(RedriveResult result, List<Long> outboxIds) {}

  /** All waiting dead letters. */
  RedriveResult redriveAll() {
    return publish(tx.execute(status -> redriveLocked(null)));
  }

  /**
   * These dead letters (ids as listed, or just their number); every id must exist.
   *
   * @throws UnknownDeadLettersException before anything is changed, when an id is unknown
   */
  RedriveResult redrive(List<String> ids) {
    Set<String> wanted = new LinkedHashSet<>();
    ids.forEach(id -> wanted.add(normalise(id)));
    return publish(tx.execute(status -> redriveLocked(wanted)));
  }

  private Committed redriveLocked(Set<String> wanted) {
    if (wanted != null) {
      List<String> unknown = new ArrayList<>(wanted);
      unknown.removeAll(repository.existing(wanted));
      if (!unknown.isEmpty()) {
        throw new UnknownDeadLettersException(unknown);
      }
    }
    List<DeadLetterRepository.Row> rows = repository.lockWaiting(wanted);
    List<String> redriven = new ArrayList<>();
    List<String> alreadyFinal = new ArrayList<>();
    List<String> notRedrivable = new ArrayList<>();
    List<Long> outboxIds = new ArrayList<>();
    for (DeadLetterRepository.Row row : rows) {
      if (row.originalRoutingKey() == null) {
        notRedrivable.add(row.id());
        continue;
      }
      outboxIds.add(
          outbox.insert(row.originalRoutingKey(), row.messageId(), row.payload(), headers(row)));
      repository.markRedriven(row.id());
      redriven.add(row.id());
      CommandKey.of(json, row.payload())
          .flatMap(key -> repository.requestStatus(key.clientId(), key.requestId()))
          .filter(status -> !"PENDING".equals(status))
          .ifPresent(status -> alreadyFinal.add(row.id()));
    }
    List<String> alreadyRedriven = new ArrayList<>();
    if (wanted != null) {
      alreadyRedriven.addAll(wanted);
      rows.forEach(r -> alreadyRedriven.remove(r.id()));
    }
    return new Committed(
        new RedriveResult(redriven.size(), redriven, alreadyRedriven, alreadyFinal, notRedrivable),
        outboxIds);
  }

  private RedriveResult publish(Committed committed) {
    publisher.publish(committed.outboxIds());
    return committed.result();
  }

  /** The republished message's headers: a fresh attempt count, and where it came from. */
  private String headers(DeadLetterRepository.Row row) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put(Topology.HEADER_ATTEMPT, 1);
    headers.put(DeadLetterReader.HEADER_DEAD_LETTER_ID, row.id());
    headers.put(DeadLetterReader.HEADER_REDRIVE_COUNT, row.redriveCount() + 1);
    if (row.traceParent() != null) {
      headers.put(Topology.HEADER_TRACEPARENT, row.traceParent());
    }
    return json.writeValueAsString(headers);
  }

  /** Operators may type "7" for "dl-7". */
  static String normalise(String id) {
    String trimmed = id == null ? "" : id.trim();
    return trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()
        ? "dl-" + trimmed
        : trimmed;
  }
}
