package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.api.ServiceReceipt;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.bulk.BulkWriteRepository.EnrolmentRows;
import dk.jobagent.worker.bulk.BulkWriteRepository.JobWishRows;
import dk.jobagent.worker.bulk.BulkWriteRepository.RequestRows;
import dk.jobagent.worker.bulk.BulkWriteRepository.ResultRows;
import dk.jobagent.worker.enrolment.RuleDataSet;
import dk.jobagent.worker.enrolment.Uuids;
import dk.jobagent.worker.reference.CodeListRepository;
import dk.jobagent.worker.rules.CodeLists;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does a chunk's work in the chunk's transaction: checks the lines' syntax in parallel, dedupes
 * their requestIds against the {@code request} table and each other, reads the rule data of the
 * whole chunk set-based, judges the lines in file order, then writes request rows with their final
 * receipts, enrolments, job wishes, replies and per-line results with one statement each. Counts
 * per status and code go into the step's execution context, which Spring Batch saves in the same
 * transaction, so they survive a restart exactly like the lines.
 *
 * <p>A bad line is a result, never an exception: only technical failures (the database) fail the
 * chunk, which is then rolled back whole and redone by a restart.
 */
class BulkChunkWriter implements ItemWriter<CheckedLine>, ItemStream {

  static final String COUNT_PREFIX = "bulk.count.";
  static final String CODE_PREFIX = "bulk.code.";
  private static final String UNKNOWN_CPR = "0000000000";

  private final String clientId;
  private final long fileId;
  private final BulkProperties properties;
  private final LineJudge judge;
  private final ChunkFactsLoader factsLoader;
  private final CodeListRepository codeLists;
  private final BulkWriteRepository repository;
  private final JsonMapper json;
  private final BulkWorkers workers;
  private final BulkFaultHook faultHook;
  private final Clock clock;
  private final AuditLog audit;

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BulkChunkWriter.class);

  /** Where a file's time goes, per phase (ms), logged with the progress: what limits the rate. */
  private final long[] phaseNanos = new long[PHASES.length];

  private static final String[] PHASES = {
    "waitForLines", "dedupe", "facts", "rules", "requests", "enrolments", "replies", "results"
  };
  private long lastPhaseLog = System.nanoTime();
  private long phaseStart;

  private long lastWriteEnd;

  private void phase(int index) {
    long now = System.nanoTime();
    phaseNanos[index] += now - phaseStart;
    phaseStart = now;
  }

  /** Counts of the chunk being written; merged into the step context when it commits. */
  private final Map<String, Long> pending = new java.util.HashMap<>();

  BulkChunkWriter(
      String clientId,
      long fileId,
      BulkProperties properties,
      LineJudge judge,
      ChunkFactsLoader factsLoader,
      CodeListRepository codeLists,
      BulkWriteRepository repository,
      JsonMapper json,
      BulkWorkers workers,
      BulkFaultHook faultHook,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.clientId = clientId;
    this.fileId = fileId;
    this.properties = properties;
    this.judge = judge;
    this.factsLoader = factsLoader;
    this.codeLists = codeLists;
    this.repository = repository;
    this.json = json;
    this.workers = workers;
    this.faultHook = faultHook;
    this.clock = clock;
  }

  /**
   * Called by the step just before it saves the execution context in the chunk's transaction (the
   * reader's position is saved the same way): the counts become durable with the lines.
   */
  @Override
  public void update(ExecutionContext context) {
    pending.forEach((k, v) -> context.putLong(k, context.getLong(k, 0L) + v));
    pending.clear();
  }

  @Override
  public void write(Chunk<? extends CheckedLine> chunk) {
    pending.clear(); // what a failed chunk counted was rolled back with it
    results.clear();
    Instant receivedAt = clock.instant();
    List<? extends CheckedLine> checked = chunk.getItems();
    phaseStart = System.nanoTime();
    if (lastWriteEnd != 0) {
      // reading ahead is meant to hide the file and the syntax checks: this shows when it does not
      phaseNanos[0] += phaseStart - lastWriteEnd;
    }
    repository.noJit();
    List<LineOutcome> outcomes = dedupeAndCheck(checked);
    phase(1);
    List<LineOutcome> eligible = outcomes.stream().filter(o -> o.status == null).toList();
    if (!eligible.isEmpty()) {
      RuleDataSet facts = factsLoader.load(eligible.stream().map(o -> o.line).toList());
      phase(2);
      CodeLists lists = codeLists.current();
      for (LineOutcome o : eligible) {
        judge.judge(o, facts, lists, receivedAt);
      }
    }
    phase(3);
    Instant completedAt = clock.instant();
    persist(outcomes, receivedAt, completedAt);
    count(outcomes);
    logPhases();
    lastWriteEnd = System.nanoTime();
    faultHook.afterChunkWritten(fileId, checked.getLast().lineNo());
  }

  /** DUPLICATE and syntax REJECTED decided here; status stays null for lines the rules judge. */
  private List<LineOutcome> dedupeAndCheck(List<? extends CheckedLine> checked) {
    List<String> ids = new ArrayList<>();
    for (CheckedLine line : checked) {
      if (line.requestId() != null) {
        ids.add(line.requestId());
      }
    }
    Set<String> existing = repository.existingRequestIds(clientId, ids);
    Set<String> seen = new HashSet<>();
    List<LineOutcome> outcomes = new ArrayList<>(checked.size());
    for (CheckedLine line : checked) {
      LineOutcome o = new LineOutcome(line, null);
      String id = line.requestId();
      if (id != null && (existing.contains(id) || !seen.add(id))) {
        o.status = LineStatus.DUPLICATE;
      } else {
        o.ownsRequest = id != null;
        if (!line.syntaxOk()) {
          o.status = LineStatus.REJECTED;
          o.errors = List.of(ReceiptError.of(line.syntax().code()));
          o.fieldErrors = line.syntax().errors();
        }
      }
      outcomes.add(o);
    }
    return outcomes;
  }

  private void persist(List<LineOutcome> outcomes, Instant receivedAt, Instant completedAt) {
    List<LineOutcome> owners = outcomes.stream().filter(o -> o.ownsRequest).toList();
    List<String[]> requestRows = workers.map(owners, o -> requestRow(o, completedAt));
    Set<String> inserted =
        repository.insertRequests(
            clientId,
            properties.accessCategory(),
            Long.toString(fileId),
            receivedAt,
            completedAt,
            new RequestRows(
                column(requestRows, 0),
                column(requestRows, 1),
                column(requestRows, 2),
                column(requestRows, 3),
                column(requestRows, 4),
                column(requestRows, 5),
                column(requestRows, 6),
                column(requestRows, 7)));
    for (LineOutcome o : owners) {
      if (!inserted.contains(o.line.requestId())) {
        // a concurrent API call took the requestId after the dedupe read
        o.ownsRequest = false;
        o.status = LineStatus.DUPLICATE;
        o.errors = List.of();
        o.warnings = List.of();
        o.fieldErrors = List.of();
      }
    }
    phase(4);
    writeEnrolments(outcomes);
    phase(5);
    writeReplies(outcomes, receivedAt, completedAt);
    phase(6);
    writeResults(outcomes);
    audit(outcomes);
    phase(7);
  }

  /**
   * One audit record per line stored as a request of this file (applied or rejected), in the
   * chunk's transaction; duplicates wrote nothing and get none.
   */
  private void audit(List<LineOutcome> outcomes) {
    List<AuditLog.Line> lines = new ArrayList<>();
    for (LineOutcome o : outcomes) {
      if (o.ownsRequest) {
        lines.add(
            new AuditLog.Line(
                o.line.requestId(),
                o.line.cpr(),
                o.status == null ? "PENDING" : o.status.name(),
                o.errors == null || o.errors.isEmpty() ? null : o.errors.getFirst().code()));
      }
    }
    audit.recordLines(clientId, properties.accessCategory(), AuditLog.BULK_LINE, lines);
  }

  private void logPhases() {
    long now = System.nanoTime();
    if (now - lastPhaseLog < properties.progressInterval().toNanos()) {
      return;
    }
    lastPhaseLog = now;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < PHASES.length; i++) {
      text.append(i == 0 ? "" : ", ")
          .append(PHASES[i])
          .append(' ')
          .append(phaseNanos[i] / 1_000_000);
    }
    log.info("bulk file id {}: time per phase so far (ms): {}", fileId, text);
  }

  private void writeEnrolments(List<LineOutcome> outcomes) {
    List<LineOutcome> accepted =
        outcomes.stream().filter(o -> o.ownsRequest && o.accepted()).toList();
    if (accepted.isEmpty()) {
      return;
    }
    int n = accepted.size();
    String[][] cols = new String[7][n];
    for (int i = 0; i < n; i++) {
      LineOutcome o = accepted.get(i);
      JobagentRequest body = o.line.body();
      cols[0][i] = o.line.requestId();
      cols[1][i] = o.line.cpr();
      cols[2][i] = body.clientCategoryTypeIdentifier();
      cols[3][i] = body.currentUnemploymentStatusTypeIdentifier();
      cols[4][i] = o.enrolmentDate.toString();
      cols[5][i] =
          CopenhagenDates.toInstant(body.haendelsesdato()).map(Instant::toString).orElse(null);
      cols[6][i] = body.emailAddressIdentifier();
    }
    Map<String, Long> ids =
        repository.insertEnrolments(
            clientId,
            new EnrolmentRows(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]));
    List<String[]> wishes = new ArrayList<>();
    for (LineOutcome o : accepted) {
      Long id = ids.get(o.line.requestId());
      if (id == null) {
        // the citizen was enrolled through the API after the chunk's facts were read
        o.status = LineStatus.REJECTED;
        o.errors = List.of(ReceiptError.of(ErrorCode.ENROLMENT_OVERLAP));
        o.enrolmentDate = null;
        repository.reject(
            clientId,
            o.line.requestId(),
            json.writeValueAsString(o.errors),
            o.warnings.isEmpty() ? null : json.writeValueAsString(o.warnings));
        continue;
      }
      // the last job wish with a jobTargetIdentifier wins, as the command path's upsert does
      Map<String, ProfessionType> byTarget = new LinkedHashMap<>();
      for (ProfessionType p : o.line.body().professions()) {
        byTarget.put(p.jobTargetIdentifier(), p);
      }
      for (ProfessionType p : byTarget.values()) {
        wishes.add(
            new String[] {
              id.toString(),
              p.jobTargetIdentifier(),
              p.conceptUriDa(),
              Uuids.parse(p.aliasIdentifier()).map(UUID::toString).orElse(null),
              Boolean.toString(Boolean.TRUE.equals(p.hasEducation())),
              p.yearLastUsed() == null ? null : p.yearLastUsed().toString(),
              p.monthsOfExperience() == null ? null : p.monthsOfExperience().toString()
            });
      }
    }
    repository.insertJobWishes(
        new JobWishRows(
            column(wishes, 0),
            column(wishes, 1),
            column(wishes, 2),
            column(wishes, 3),
            column(wishes, 4),
            column(wishes, 5),
            column(wishes, 6)));
  }

  private void writeReplies(List<LineOutcome> outcomes, Instant receivedAt, Instant completedAt) {
    List<LineOutcome> owners = outcomes.stream().filter(o -> o.ownsRequest).toList();
    if (owners.isEmpty()) {
      return;
    }
    List<String[]> rows = workers.map(owners, o -> replyRow(o, receivedAt, completedAt));
    repository.insertReplies(
        Topology.RECEIPT_EXCHANGE,
        Topology.receiptRoutingKey(clientId),
        column(rows, 0),
        column(rows, 1),
        column(rows, 2));
  }

  private void writeResults(List<LineOutcome> outcomes) {
    int n = outcomes.size();
    String[][] cols = new String[6][n];
    for (int i = 0; i < n; i++) {
      LineOutcome o = outcomes.get(i);
      cols[0][i] = Long.toString(o.line.lineNo());
      cols[1][i] = o.line.requestId();
      cols[2][i] = o.status.name();
      cols[3][i] = intArray(o.errors);
      cols[4][i] = o.warnings.isEmpty() ? null : intArray(o.warnings);
      cols[5][i] = o.fieldErrors.isEmpty() ? null : json.writeValueAsString(o.fieldErrors);
    }
    repository.insertResults(
        fileId, new ResultRows(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]));
  }

  /** requestId, cpr, hash, body, status, result, errors, warnings. */
  private String[] requestRow(LineOutcome o, Instant completedAt) {
    CheckedLine line = o.line;
    return new String[] {
      line.requestId(),
      line.cpr() == null ? UNKNOWN_CPR : line.cpr(),
      line.bodyHashHex(),
      line.bodyJson(),
      receiptStatus(o).name(),
      o.accepted() ? json.writeValueAsString(result(o, completedAt)) : null,
      o.errors.isEmpty() ? null : json.writeValueAsString(o.errors),
      o.warnings.isEmpty() ? null : json.writeValueAsString(o.warnings)
    };
  }

  /** messageId, payload, headers. */
  private String[] replyRow(LineOutcome o, Instant receivedAt, Instant completedAt) {
    Receipt receipt =
        new Receipt(
            o.line.requestId(),
            Operation.CREATE,
            receiptStatus(o),
            OffsetDateTime.ofInstant(receivedAt, CopenhagenDates.ZONE),
            OffsetDateTime.ofInstant(completedAt, CopenhagenDates.ZONE),
            o.accepted() ? result(o, completedAt) : null,
            o.errors.isEmpty() ? null : o.errors,
            o.warnings.isEmpty() ? null : o.warnings);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-jobagent-client-id", clientId);
    headers.put("x-jobagent-request-id", o.line.requestId());
    headers.put("x-jobagent-bulk-file-id", Long.toString(fileId));
    return new String[] {
      o.line.requestId(), json.writeValueAsString(receipt), json.writeValueAsString(headers)
    };
  }

  /**
   * The result of an accepted line, as the command path builds it. Built once per line and cached,
   * so that the request row and the reply carry the same MessageIdentifier.
   */
  private final Map<Long, EnrollmentAndBookResponse> results =
      new java.util.concurrent.ConcurrentHashMap<>();

  private EnrollmentAndBookResponse result(LineOutcome o, Instant completedAt) {
    return results.computeIfAbsent(
        o.line.lineNo(),
        k ->
            new EnrollmentAndBookResponse(
                new ServiceReceipt(
                    OffsetDateTime.ofInstant(completedAt, CopenhagenDates.ZONE),
                    UUID.randomUUID().toString()),
                "Enrolled from %s with %d job wishes"
                    .formatted(o.enrolmentDate, o.line.body().professions().size()),
                null,
                null,
                true,
                null));
  }

  private static ReceiptStatus receiptStatus(LineOutcome o) {
    return switch (o.status) {
      case COMPLETED -> ReceiptStatus.COMPLETED;
      case REJECTED -> ReceiptStatus.REJECTED;
      case FAILED -> ReceiptStatus.FAILED;
      case DUPLICATE -> throw new IllegalStateException("a duplicate has no receipt of its own");
    };
  }

  private void count(List<LineOutcome> outcomes) {
    results.clear();
    for (LineOutcome o : outcomes) {
      pending.merge(COUNT_PREFIX + o.status.name(), 1L, Long::sum);
      for (ReceiptError e : o.errors) {
        pending.merge(CODE_PREFIX + e.code(), 1L, Long::sum);
      }
      for (ReceiptError w : o.warnings) {
        pending.merge(CODE_PREFIX + w.code(), 1L, Long::sum);
      }
    }
  }

  private static String intArray(List<ReceiptError> errors) {
    return errors.stream()
        .map(e -> Integer.toString(e.code()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String[] column(List<String[]> rows, int index) {
    String[] column = new String[rows.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = rows.get(i)[index];
    }
    return column;
  }
}
