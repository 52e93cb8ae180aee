package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.bulk.BulkWriteRepository.EnrolmentRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.JobWishRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.ReplyRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.RequestRow;
import dk.jobagent.worker.bulk.BulkWriteRepository.RequestSource;
import dk.jobagent.worker.bulk.BulkWriteRepository.ResultRow;
import dk.jobagent.worker.enrolment.RuleDataSet;
import dk.jobagent.worker.enrolment.Uuids;
import dk.jobagent.worker.reference.CodeListRepository;
import dk.jobagent.worker.rules.CodeLists;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does a chunk's work in the chunk's transaction: checks the lines' syntax in parallel, dedupes
 * their requestIds against the {@code request} table and each other, reads the rule data of the
 * whole chunk set-based, judges the lines (in parallel, each citizen's in file order), then writes
 * request rows with their final receipts, enrolments, job wishes, replies and per-line results with
 * one statement each. Counts per status and code go into the step's execution context, which Spring
 * Batch saves in the same transaction, so they survive a restart exactly like the lines.
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
  private final ReceiptJson receiptJson;
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
    this.receiptJson = new ReceiptJson(json);
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
    // whole microseconds, as PostgreSQL stores them: the receipt says what the row says
    Instant receivedAt = PgTime.micros(clock.instant());
    List<? extends CheckedLine> checked = chunk.getItems();
    phaseStart = System.nanoTime();
    if (lastWriteEnd != 0) {
      // reading ahead is meant to hide the file and the syntax checks: this shows when it does not
      phaseNanos[0] += phaseStart - lastWriteEnd;
    }
    repository.noJit();
    // Optimistic: the chunk's requestIds are new (a file's usually are), so no look-up first; the
    // request rows' COPY finds out. If one was used before (an earlier chunk or file, an API call)
    // the COPY rolls back to its savepoint, nothing of the chunk is stored yet, and the lines are
    // judged again knowing which are duplicates.
    List<LineOutcome> outcomes = dedupeAndCheck(checked, Set.of());
    phase(1);
    RuleDataSet facts = judge(outcomes, null, receivedAt);
    Instant completedAt = PgTime.micros(clock.instant());
    if (!persist(outcomes, receivedAt, completedAt, true)) {
      outcomes =
          dedupeAndCheck(checked, repository.existingRequestIds(clientId, requestIds(checked)));
      phase(1);
      judge(outcomes, facts, receivedAt);
      persist(outcomes, receivedAt, completedAt, false);
    }
    count(outcomes);
    logPhases();
    lastWriteEnd = System.nanoTime();
    faultHook.afterChunkWritten(fileId, checked.getLast().lineNo());
  }

  /**
   * Judges the lines that passed the syntax checks and are not duplicates, against the chunk's rule
   * data (read here unless given: judging never changes it, see {@link #judgeByCitizen}).
   */
  private RuleDataSet judge(List<LineOutcome> outcomes, RuleDataSet known, Instant receivedAt) {
    List<LineOutcome> eligible = outcomes.stream().filter(o -> o.status == null).toList();
    RuleDataSet facts = known;
    if (!eligible.isEmpty()) {
      if (facts == null) {
        facts = factsLoader.load(eligible.stream().map(o -> o.line).toList());
      }
      phase(2);
      judgeByCitizen(eligible, facts, codeLists.current(), receivedAt);
    }
    phase(3);
    return facts;
  }

  /**
   * Judges the lines in parallel, one citizen's lines in file order: a line sees what the rules of
   * the lines before it did to the same citizen (an enrolment opened), and nothing else of the
   * chunk. Each citizen gets a view of the facts with its own copy of the mutable parts; the rest
   * is only read. (The job target owners, rule 4589, are judged for update and delete only, never
   * for these CREATE lines, so a view's owners start empty.)
   */
  private void judgeByCitizen(
      List<LineOutcome> eligible, RuleDataSet facts, CodeLists lists, Instant receivedAt) {
    Map<String, List<LineOutcome>> byCitizen = new LinkedHashMap<>();
    for (LineOutcome o : eligible) {
      byCitizen.computeIfAbsent(o.line.cpr(), k -> new ArrayList<>(1)).add(o);
    }
    workers.map(
        List.copyOf(byCitizen.values()),
        lines -> {
          String cpr = lines.getFirst().line.cpr();
          Map<String, List<EnrolmentPeriod>> enrolments = new HashMap<>();
          enrolments.put(cpr, new ArrayList<>(facts.enrolmentsOf(cpr)));
          RuleDataSet view =
              new RuleDataSet(
                  facts.persons(),
                  facts.absences(),
                  enrolments,
                  facts.occupations(),
                  facts.aliases(),
                  new HashMap<>());
          for (LineOutcome o : lines) {
            judge.judge(o, view, lists, receivedAt);
          }
          return lines;
        });
  }

  private static List<String> requestIds(List<? extends CheckedLine> checked) {
    List<String> ids = new ArrayList<>();
    for (CheckedLine line : checked) {
      if (line.requestId() != null) {
        ids.add(line.requestId());
      }
    }
    return ids;
  }

  /**
   * DUPLICATE (of an earlier line of the chunk, or of a requestId in {@code existing}) and syntax
   * REJECTED decided here; status stays null for lines the rules judge.
   */
  private List<LineOutcome> dedupeAndCheck(
      List<? extends CheckedLine> checked, Set<String> existing) {
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

  /**
   * Stores the chunk's outcomes; false, with nothing stored, when {@code optimistic} and a
   * requestId of the chunk was already used.
   */
  private boolean persist(
      List<LineOutcome> outcomes, Instant receivedAt, Instant completedAt, boolean optimistic) {
    ReceiptJson.Stamps stamps = receiptJson.stamps(receivedAt, completedAt);
    List<LineOutcome> owners = outcomes.stream().filter(o -> o.ownsRequest).toList();
    workers.map(owners, o -> buildJson(o, stamps));
    RequestSource source =
        new RequestSource(
            clientId, properties.accessCategory(), Long.toString(fileId), receivedAt, completedAt);
    List<RequestRow> rows = owners.stream().map(BulkChunkWriter::requestRow).toList();
    Set<String> inserted;
    if (optimistic) {
      if (!repository.insertNewRequests(source, rows)) {
        phase(4);
        return false;
      }
      inserted = null; // all of them
    } else {
      inserted = repository.insertRequests(source, rows);
    }
    for (LineOutcome o : owners) {
      if (inserted != null && !inserted.contains(o.line.requestId())) {
        // a concurrent API call took the requestId after the dedupe read
        o.ownsRequest = false;
        o.status = LineStatus.DUPLICATE;
        o.errors = List.of();
        o.warnings = List.of();
        o.fieldErrors = List.of();
      }
    }
    phase(4);
    writeEnrolments(outcomes, stamps);
    phase(5);
    writeReplies(outcomes, stamps);
    phase(6);
    writeResults(outcomes);
    audit(outcomes);
    phase(7);
    return true;
  }

  /** The line's result, errors and warnings as JSON, for its request row and its receipt. */
  private LineOutcome buildJson(LineOutcome o, ReceiptJson.Stamps stamps) {
    o.resultJson =
        o.accepted()
            ? receiptJson.result(
                stamps, UUID.randomUUID(), o.enrolmentDate, o.line.body().professions().size())
            : null;
    o.errorsJson = receiptJson.errors(o.errors);
    o.warningsJson = receiptJson.errors(o.warnings);
    return o;
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

  private void writeEnrolments(List<LineOutcome> outcomes, ReceiptJson.Stamps stamps) {
    List<LineOutcome> accepted =
        outcomes.stream().filter(o -> o.ownsRequest && o.accepted()).toList();
    if (accepted.isEmpty()) {
      return;
    }
    List<EnrolmentRow> rows = new ArrayList<>(accepted.size());
    for (LineOutcome o : accepted) {
      JobagentRequest body = o.line.body();
      rows.add(
          new EnrolmentRow(
              o.line.requestId(),
              o.line.cpr(),
              body.clientCategoryTypeIdentifier(),
              body.currentUnemploymentStatusTypeIdentifier(),
              o.enrolmentDate,
              CopenhagenDates.toInstant(body.haendelsesdato()).map(PgTime::micros).orElse(null),
              body.emailAddressIdentifier()));
    }
    Map<String, Long> ids = repository.insertEnrolments(clientId, rows);
    List<JobWishRow> wishes = new ArrayList<>();
    for (LineOutcome o : accepted) {
      Long id = ids.get(o.line.requestId());
      if (id == null) {
        // the citizen was enrolled through the API after the chunk's facts were read
        o.status = LineStatus.REJECTED;
        o.errors = List.of(ReceiptError.of(ErrorCode.ENROLMENT_OVERLAP));
        o.enrolmentDate = null;
        buildJson(o, stamps);
        repository.reject(clientId, o.line.requestId(), o.errorsJson, o.warningsJson);
        continue;
      }
      // the last job wish with a jobTargetIdentifier wins, as the command path's upsert does
      Map<String, ProfessionType> byTarget = new LinkedHashMap<>();
      for (ProfessionType p : o.line.body().professions()) {
        byTarget.put(p.jobTargetIdentifier(), p);
      }
      for (ProfessionType p : byTarget.values()) {
        wishes.add(
            new JobWishRow(
                id,
                Uuids.parse(p.jobTargetIdentifier())
                    .orElseThrow(() -> new IllegalStateException("checked: a GUID")),
                p.conceptUriDa(),
                Uuids.parse(p.aliasIdentifier()).orElse(null),
                Boolean.TRUE.equals(p.hasEducation()),
                p.yearLastUsed(),
                p.monthsOfExperience()));
      }
    }
    repository.insertJobWishes(wishes);
  }

  private void writeReplies(List<LineOutcome> outcomes, ReceiptJson.Stamps stamps) {
    List<LineOutcome> owners = outcomes.stream().filter(o -> o.ownsRequest).toList();
    if (owners.isEmpty()) {
      return;
    }
    repository.insertReplies(
        Topology.RECEIPT_EXCHANGE,
        Topology.receiptRoutingKey(clientId),
        workers.map(owners, o -> replyRow(o, stamps)));
  }

  private void writeResults(List<LineOutcome> outcomes) {
    List<ResultRow> rows = new ArrayList<>(outcomes.size());
    for (LineOutcome o : outcomes) {
      rows.add(
          new ResultRow(
              o.line.lineNo(),
              o.line.requestId(),
              o.status.name(),
              codes(o.errors),
              o.warnings.isEmpty() ? null : codes(o.warnings),
              o.fieldErrors.isEmpty() ? null : json.writeValueAsString(o.fieldErrors)));
    }
    repository.insertResults(fileId, rows);
  }

  private static RequestRow requestRow(LineOutcome o) {
    CheckedLine line = o.line;
    return new RequestRow(
        line.requestId(),
        line.cpr() == null ? UNKNOWN_CPR : line.cpr(),
        line.bodyHash(),
        line.bodyJson(),
        receiptStatus(o).name(),
        o.resultJson,
        o.errorsJson,
        o.warningsJson);
  }

  private ReplyRow replyRow(LineOutcome o, ReceiptJson.Stamps stamps) {
    String requestId = o.line.requestId();
    String receipt =
        receiptJson.receipt(
            requestId, receiptStatus(o).name(), stamps, o.resultJson, o.errorsJson, o.warningsJson);
    return new ReplyRow(
        requestId,
        receipt.getBytes(StandardCharsets.UTF_8),
        receiptJson.headers(clientId, requestId, fileId));
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

  private static List<Integer> codes(List<ReceiptError> errors) {
    List<Integer> codes = new ArrayList<>(errors.size());
    for (ReceiptError e : errors) {
      codes.add(e.code());
    }
    return codes;
  }
}
