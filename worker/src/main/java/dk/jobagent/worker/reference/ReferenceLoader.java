package dk.jobagent.worker.reference;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.worker.audit.AuditLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a reference-data CSV file (SPEC §5) as a stream: rows are checked one by one, good rows are
 * upserted in chunks of {@code jobagent.reference.load-chunk-rows} (one statement per chunk, the
 * columns passed as parallel arrays), bad rows are reported with their line numbers and skipped.
 * Memory stays constant whatever the file size. Loading the same file again changes nothing. Each
 * chunk commits on its own: a load that breaks off part-way can simply be repeated.
 */
@Service
public class ReferenceLoader {

  private static final Logger log = LoggerFactory.getLogger(ReferenceLoader.class);

  private final JdbcClient jdbc;
  private final ReferenceProperties properties;
  private final CodeListRepository codeLists;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  /** Without a transaction manager (plain tests): the last chunk and the record commit apart. */
  public ReferenceLoader(
      JdbcClient jdbc, CodeListRepository codeLists, ReferenceProperties properties) {
    this(jdbc, codeLists, properties, new AuditLog(jdbc, new CprHash(CprHash.DEV_SECRET)), null);
  }

  @Autowired
  public ReferenceLoader(
      JdbcClient jdbc,
      CodeListRepository codeLists,
      ReferenceProperties properties,
      AuditLog audit,
      TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.codeLists = codeLists;
    this.properties = properties;
    this.audit = audit;
    this.tx = tx;
  }

  /** The actor of loads not started by an operator's call. */
  public static final String SYSTEM_ACTOR = "system";

  /** The kinds that can be loaded. */
  public static final Set<String> KINDS = Set.of("persons", "absences", "occupations", "aliases");

  private RowFormat format(String kind) {
    return switch (kind) {
      case "persons" -> new PersonFormat();
      // read afresh per load, so that a code list changed a moment ago counts
      case "absences" ->
          new AbsenceFormat(Set.copyOf(codeLists.reload().absenceTypeBlocksEnrolment().keySet()));
      case "occupations" -> new OccupationFormat();
      case "aliases" -> new AliasFormat();
      default -> throw ReferenceFileException.unknownKind(kind, new TreeSet<>(KINDS));
    };
  }

  /**
   * Loads one file of the given kind (UTF-8 CSV with the kind's header).
   *
   * @throws ReferenceFileException for an unknown kind or a wrong header (nothing is written)
   */
  public LoadReport load(String kind, InputStream csv) {
    return load(kind, csv, SYSTEM_ACTOR);
  }

  /**
   * As {@link #load(String, InputStream)}, recording {@code actor} (the operator's client id) in
   * the audit trail: one record per file with its counts, committed with the file's last chunk; a
   * refused or failed load is recorded too.
   */
  public LoadReport load(String kind, InputStream csv, String actor) {
    String kindName = kind == null ? "" : kind;
    long started = System.nanoTime();
    Run run = null;
    try {
      RowFormat format = format(kindName);
      CsvRecordReader reader =
          new CsvRecordReader(
              new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), 1 << 16));
      run = new Run(format);
      try {
        checkHeader(format, reader.next());
        run.rows(reader);
      } catch (CsvRecordReader.MalformedCsvException e) {
        if (run.read == 0 && run.rejected == 0 && e.line() == 1) {
          throw ReferenceFileException.badHeader(
              "The header row is not valid CSV: " + e.getMessage());
        }
        run.read++;
        run.reject(
            e.line(),
            e.getMessage().replaceFirst("^line \\d+: ", "")
                + "; the rest of the file was not read");
      }
    } catch (IOException | RuntimeException e) {
      Run partial = run;
      try {
        if (partial != null) {
          partial.flush();
        }
      } finally {
        recordUnfinished(kindName, actor, partial, e);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Could not read the " + kind + " file", io);
      }
      throw (RuntimeException) e;
    }
    Run done = run;
    LoadReport report = inTransaction(() -> finish(kindName, actor, done));
    log.info(
        "Loaded {}: read {}, upserted {}, changed {}, rejected {} in {} ms",
        kind,
        report.read(),
        report.upserted(),
        report.changed(),
        report.rejected(),
        (System.nanoTime() - started) / 1_000_000);
    return report;
  }

  /** The last chunk and the file's audit record, together. */
  private LoadReport finish(String kind, String actor, Run run) {
    run.flush();
    LoadReport report =
        new LoadReport(
            kind, run.read, run.upserted, run.rejected, run.changed, List.copyOf(run.rejections));
    audit.record(
        actor,
        null,
        AuditLog.REFERENCE_LOAD,
        null,
        "LOADED",
        null,
        null,
        counts(kind, run.read, run.upserted, run.changed, run.rejected));
    return report;
  }

  private void recordUnfinished(String kind, String actor, Run run, Exception cause) {
    try {
      audit.record(
          actor,
          null,
          AuditLog.REFERENCE_LOAD,
          null,
          cause instanceof ReferenceFileException ? "REFUSED" : "FAILED",
          null,
          null,
          run == null
              ? counts(kind, 0, 0, 0, 0)
              : counts(kind, run.read, run.upserted, run.changed, run.rejected));
    } catch (RuntimeException e) {
      log.warn(
          "Could not record the unfinished {} load in the audit trail: {}", kind, e.toString());
    }
  }

  private static String counts(String kind, long read, long upserted, long changed, long rejected) {
    String k = kind.replaceAll("[^a-z]", "");
    return "{\"kind\":\"%s\",\"read\":%d,\"upserted\":%d,\"changed\":%d,\"rejected\":%d}"
        .formatted(k, read, upserted, changed, rejected);
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    return tx == null ? work.get() : tx.execute(status -> work.get());
  }

  private static void checkHeader(RowFormat format, CsvRecord header) {
    String expected = String.join(",", format.header());
    if (header == null) {
      throw ReferenceFileException.badHeader(
          "The " + format.kind() + " file is empty; expected the header " + expected);
    }
    List<String> got = header.fields().stream().map(String::trim).toList();
    if (!got.equals(format.header())) {
      throw ReferenceFileException.badHeader(
          "Wrong header for "
              + format.kind()
              + ": expected '"
              + expected
              + "', got '"
              + CprMask.maskAll(String.join(",", got))
              + "'; the file was not loaded");
    }
  }

  /** The state of one load. */
  private final class Run {
    private final RowFormat format;
    private final Map<String, String[]> chunk = new LinkedHashMap<>();
    private final List<LoadReport.Rejection> rejections = new ArrayList<>();
    long read;
    long upserted;
    long rejected;
    long changed;

    Run(RowFormat format) {
      this.format = format;
    }

    void rows(CsvRecordReader reader) throws IOException {
      int columns = format.header().size();
      CsvRecord record;
      while ((record = reader.next()) != null) {
        read++;
        if (record.fields().size() != columns) {
          reject(
              record.line(), "expected " + columns + " columns, found " + record.fields().size());
          continue;
        }
        String[] values;
        try {
          values = format.parse(record.fields());
        } catch (RowRejectedException e) {
          reject(record.line(), e.getMessage());
          continue;
        }
        // a key repeated within a chunk: the later row wins (as it does across chunks)
        chunk.put(key(values), values);
        upserted++;
        if (chunk.size() >= properties.loadChunkRows()) {
          flush();
        }
      }
    }

    private String key(String[] values) {
      if (format.keyColumns() == 1) {
        return values[0];
      }
      StringBuilder k = new StringBuilder();
      for (int i = 0; i < format.keyColumns(); i++) {
        k.append(values[i]).append('\u0000');
      }
      return k.toString();
    }

    void reject(long line, String reason) {
      rejected++;
      if (rejections.size() < properties.maxReportedRejections()) {
        rejections.add(new LoadReport.Rejection(line, CprMask.maskAll(reason)));
      }
    }

    void flush() {
      if (chunk.isEmpty()) {
        return;
      }
      int columns = format.header().size();
      String[][] arrays = new String[columns][chunk.size()];
      int row = 0;
      for (String[] values : chunk.values()) {
        for (int c = 0; c < columns; c++) {
          arrays[c][row] = values[c];
        }
        row++;
      }
      List<Object> params = new ArrayList<>(columns);
      for (String[] column : arrays) {
        params.add(column);
      }
      changed += jdbc.sql(format.upsertSql()).params(params).update();
      chunk.clear();
    }
  }
}
