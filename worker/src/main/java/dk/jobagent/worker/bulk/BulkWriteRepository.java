package dk.jobagent.worker.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based writes of a chunk, in the chunk's transaction. The rows go in with {@code COPY …
 * FROM STDIN (FORMAT binary)}, one per table and chunk: measured (bench/bulk/WriteBench.java) the
 * server spends a quarter less CPU per line than on {@code INSERT … SELECT FROM unnest(arrays)},
 * which parses every array, materialises the set-returning function and casts each text.
 *
 * <p>COPY has no ON CONFLICT. The two tables where a key can be taken (a requestId, a citizen's one
 * open enrolment) are copied under a savepoint; on a unique violation the chunk rolls back to it
 * and writes those rows with the INSERT … ON CONFLICT DO NOTHING RETURNING statement instead, which
 * says which rows lost (rare: a race with the API), or, for a chunk that did not look its
 * requestIds up first, tells the caller to.
 */
@Repository
class BulkWriteRepository {

  private static final String UNIQUE_VIOLATION = "23505";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  BulkWriteRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /**
   * Turns PostgreSQL's JIT off for the chunk's transaction. The tables grow by a chunk every chunk
   * while their statistics lag, so the planner's cost estimates for the per-key lookups become huge
   * and cross {@code jit_above_cost}: it then spends ~0.6 s compiling each statement that runs in
   * milliseconds (measured: most of a chunk's time). Nothing here benefits from JIT.
   */
  void noJit() {
    jdbc.sql("set local jit = off").update();
  }

  /** Which of these requestIds the client already used (API calls, other files, earlier chunks). */
  Set<String> existingRequestIds(String clientId, List<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                select r.request_id
                  from unnest(cast(:ids as text[])) as k(id)
                  cross join lateral (
                    select request_id from request where client_id = :client and request_id = k.id
                    offset 0) r
                """)
            .param("client", clientId)
            .param("ids", requestIds.toArray(String[]::new))
            .query(String.class)
            .list());
  }

  /** A final request row (its receipt at once); JSON members as text, null when absent. */
  record RequestRow(
      String requestId,
      String cpr,
      byte[] bodyHash,
      String body,
      String status,
      String result,
      String errors,
      String warnings) {}

  /** Where the request rows of a chunk come from and when they were received and completed. */
  record RequestSource(
      String clientId,
      String accessCategory,
      String fileId,
      Instant receivedAt,
      Instant completedAt) {}

  /**
   * Stores the request rows if none of their requestIds was used before; false, with nothing stored
   * (rolled back to a savepoint, the transaction goes on), when one was. Sorted by requestId like
   * ingest-api's writer, so that concurrent inserters take the keys in the same order and cannot
   * deadlock.
   */
  boolean insertNewRequests(RequestSource source, List<RequestRow> rows) {
    if (rows.isEmpty()) {
      return true;
    }
    List<RequestRow> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> a.requestId().compareTo(b.requestId()));
    return copyUnderSavepoint(
        """
        request (client_id, request_id, operation, cpr, access_category, body_hash, body,
                 received_at, bulk_file_id, status, completed_at, result, errors, warnings)""",
        sorted,
        (copy, r) ->
            copy.row(14)
                .text(source.clientId())
                .text(r.requestId())
                .text("CREATE")
                .text(r.cpr())
                .text(source.accessCategory())
                .bytes(r.bodyHash())
                .jsonb(r.body())
                .timestamptz(source.receivedAt())
                .text(source.fileId())
                .text(r.status())
                .timestamptz(source.completedAt())
                .jsonb(r.result())
                .jsonb(r.errors())
                .jsonb(r.warnings()));
  }

  /**
   * Stores the request rows whose requestIds are still free (the chunk's look-up found the others
   * used; a concurrent caller may have taken more since) and returns the requestIds stored.
   */
  Set<String> insertRequests(RequestSource source, List<RequestRow> rows) {
    Set<String> all = new HashSet<>();
    for (RequestRow r : rows) {
      all.add(r.requestId());
    }
    if (insertNewRequests(source, rows)) {
      return all;
    }
    List<RequestRow> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> a.requestId().compareTo(b.requestId()));
    return insertRequestsOnConflict(source, sorted);
  }

  private Set<String> insertRequestsOnConflict(RequestSource source, List<RequestRow> rows) {
    int n = rows.size();
    String[][] cols = new String[8][n];
    for (int i = 0; i < n; i++) {
      RequestRow r = rows.get(i);
      cols[0][i] = r.requestId();
      cols[1][i] = r.cpr();
      cols[2][i] = java.util.HexFormat.of().formatHex(r.bodyHash());
      cols[3][i] = r.body();
      cols[4][i] = r.status();
      cols[5][i] = r.result();
      cols[6][i] = r.errors();
      cols[7][i] = r.warnings();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                insert into request (client_id, request_id, operation, cpr, access_category,
                                     body_hash, body, received_at, bulk_file_id, status,
                                     completed_at, result, errors, warnings)
                select :client, r, 'CREATE', p, :access, decode(h, 'hex'), b::jsonb, :receivedAt,
                       :fileId, s, :completedAt, res::jsonb, e::jsonb, w::jsonb
                  from unnest(cast(:r as text[]), cast(:p as text[]), cast(:h as text[]),
                              cast(:b as text[]), cast(:s as text[]), cast(:res as text[]),
                              cast(:e as text[]), cast(:w as text[]))
                       as u(r, p, h, b, s, res, e, w)
                 order by r
                on conflict do nothing
                returning request_id
                """)
            .param("client", source.clientId())
            .param("access", source.accessCategory())
            .param("receivedAt", Timestamp.from(source.receivedAt()))
            .param("fileId", source.fileId())
            .param("completedAt", Timestamp.from(source.completedAt()))
            .param("r", cols[0])
            .param("p", cols[1])
            .param("h", cols[2])
            .param("b", cols[3])
            .param("s", cols[4])
            .param("res", cols[5])
            .param("e", cols[6])
            .param("w", cols[7])
            .query(String.class)
            .list());
  }

  /** A new open enrolment. */
  record EnrolmentRow(
      String requestId,
      String cpr,
      String category,
      String status,
      LocalDate date,
      Instant haendelsesdato,
      String email) {}

  /**
   * Stores new open enrolments; returns requestId → enrolment id of those stored. A citizen
   * enrolled concurrently through the API since the chunk's facts were read keeps that enrolment
   * (the partial unique index): the line is then not stored and the caller turns it into 4316, as
   * the rule would have said.
   *
   * <p>The ids are drawn from the identity's sequence first (COPY writes identity columns as given,
   * like INSERT … OVERRIDING SYSTEM VALUE), so that the job wishes can refer to them without the
   * RETURNING that COPY lacks.
   */
  Map<String, Long> insertEnrolments(String clientId, List<EnrolmentRow> rows) {
    Map<String, Long> ids = new HashMap<>();
    if (rows.isEmpty()) {
      return ids;
    }
    List<Long> drawn =
        jdbc.sql(
                "select nextval(pg_get_serial_sequence('enrolment', 'id'))"
                    + " from generate_series(1, :n)")
            .param("n", rows.size())
            .query(Long.class)
            .list();
    for (int i = 0; i < rows.size(); i++) {
      ids.put(rows.get(i).requestId(), drawn.get(i));
    }
    boolean copied =
        copyUnderSavepoint(
            """
            enrolment (id, cpr, client_category, unemployment_status, enrolment_date,
                       haendelsesdato, email, created_by_client, created_request_id)""",
            rows,
            (copy, r) ->
                copy.row(9)
                    .int8(ids.get(r.requestId()))
                    .text(r.cpr())
                    .text(r.category())
                    .text(r.status())
                    .date(r.date())
                    .timestamptz(r.haendelsesdato())
                    .text(r.email())
                    .text(clientId)
                    .text(r.requestId()));
    return copied ? ids : insertEnrolmentsOnConflict(clientId, rows);
  }

  private Map<String, Long> insertEnrolmentsOnConflict(String clientId, List<EnrolmentRow> rows) {
    int n = rows.size();
    String[][] cols = new String[7][n];
    for (int i = 0; i < n; i++) {
      EnrolmentRow r = rows.get(i);
      cols[0][i] = r.requestId();
      cols[1][i] = r.cpr();
      cols[2][i] = r.category();
      cols[3][i] = r.status();
      cols[4][i] = r.date().toString();
      cols[5][i] = r.haendelsesdato() == null ? null : r.haendelsesdato().toString();
      cols[6][i] = r.email();
    }
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql(
            """
            insert into enrolment (cpr, client_category, unemployment_status, enrolment_date,
                                   haendelsesdato, email, created_by_client, created_request_id)
            select p, c, s, d::date, h::timestamptz, e, :client, r
              from unnest(cast(:r as text[]), cast(:p as text[]), cast(:c as text[]),
                          cast(:s as text[]), cast(:d as text[]), cast(:h as text[]),
                          cast(:e as text[])) as u(r, p, c, s, d, h, e)
            on conflict (cpr) where end_date is null do nothing
            returning id, created_request_id
            """)
        .param("client", clientId)
        .param("r", cols[0])
        .param("p", cols[1])
        .param("c", cols[2])
        .param("s", cols[3])
        .param("d", cols[4])
        .param("h", cols[5])
        .param("e", cols[6])
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> {
                  ids.put(rs.getString("created_request_id"), rs.getLong("id"));
                });
    return ids;
  }

  record JobWishRow(
      long enrolmentId,
      UUID target,
      String conceptUri,
      UUID alias,
      boolean hasEducation,
      Integer yearLastUsed,
      Integer monthsOfExperience) {}

  void insertJobWishes(List<JobWishRow> rows) {
    copy(
        """
        job_wish (enrolment_id, job_target_id, concept_uri, alias_id, has_education,
                  year_last_used, months_of_experience)""",
        rows,
        (copy, r) ->
            copy.row(7)
                .int8(r.enrolmentId())
                .uuid(r.target())
                .text(r.conceptUri())
                .uuid(r.alias())
                .bool(r.hasEducation())
                .int4(r.yearLastUsed())
                .int4(r.monthsOfExperience()));
  }

  /** A line that lost its open enrolment to a concurrent API call: REJECTED after all. */
  void reject(String clientId, String requestId, String errorsJson, String warningsJson) {
    jdbc.sql(
            """
            update request set status = 'REJECTED', result = null, errors = cast(:e as jsonb),
                               warnings = cast(:w as jsonb)
             where client_id = :client and request_id = :id
            """)
        .param("e", errorsJson)
        .param("w", warningsJson)
        .param("client", clientId)
        .param("id", requestId)
        .update();
  }

  /** A reply for the reply relay: message id = requestId, like the command path's. */
  record ReplyRow(String messageId, byte[] payload, String headers) {}

  void insertReplies(String exchange, String routingKey, List<ReplyRow> rows) {
    copy(
        "outbox (exchange, routing_key, message_id, payload, headers)",
        rows,
        (copy, r) ->
            copy.row(5)
                .text(exchange)
                .text(routingKey)
                .text(r.messageId())
                .bytes(r.payload())
                .jsonb(r.headers()));
  }

  /** One reply outside a chunk (a file's summary). */
  void insertReply(String exchange, String routingKey, String messageId, String payload, String h) {
    jdbc.sql(
            """
            insert into outbox (exchange, routing_key, message_id, payload, headers)
            values (:exchange, :key, :id, convert_to(:payload, 'UTF8'), cast(:headers as jsonb))
            """)
        .param("exchange", exchange)
        .param("key", routingKey)
        .param("id", messageId)
        .param("payload", payload)
        .param("headers", h)
        .update();
  }

  /** A line's result; warnings null when there are none. */
  record ResultRow(
      long lineNo,
      String requestId,
      String status,
      List<Integer> codes,
      List<Integer> warnings,
      String fieldErrors) {}

  /**
   * Per-line results. A line is offered once: the chunk's transaction also saves the reader's
   * position, so a restart resumes after the last committed line, and a failed chunk left nothing.
   */
  void insertResults(long fileId, List<ResultRow> rows) {
    copy(
        "bulk_line_result (file_id, line_no, request_id, status, codes, warnings, field_errors)",
        rows,
        (copy, r) ->
            copy.row(7)
                .int8(fileId)
                .int4(Math.toIntExact(r.lineNo()))
                .text(r.requestId())
                .text(r.status())
                .int4Array(r.codes())
                .int4Array(r.warnings())
                .jsonb(r.fieldErrors()));
  }

  @FunctionalInterface
  private interface RowWriter<T> {
    void write(BinaryCopy copy, T row) throws SQLException;
  }

  private <T> void copy(String target, List<T> rows, RowWriter<T> writer) {
    if (!rows.isEmpty()) {
      template.execute((ConnectionCallback<Void>) c -> copy(c, target, rows, writer));
    }
  }

  private static <T> Void copy(Connection c, String target, List<T> rows, RowWriter<T> writer)
      throws SQLException {
    BinaryCopy copy = BinaryCopy.start(c, target);
    try {
      for (T row : rows) {
        writer.write(copy, row);
      }
      copy.finish();
    } catch (SQLException | RuntimeException e) {
      copy.cancel();
      throw e;
    }
    return null;
  }

  /**
   * The COPY under a savepoint: true when it stored every row, false when a unique violation rolled
   * it back to the savepoint (the transaction goes on). Other failures fail the chunk.
   */
  private <T> boolean copyUnderSavepoint(String target, List<T> rows, RowWriter<T> writer) {
    Boolean copied =
        template.execute(
            (ConnectionCallback<Boolean>)
                c -> {
                  Savepoint savepoint = c.setSavepoint();
                  try {
                    copy(c, target, rows, writer);
                  } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                      throw e;
                    }
                    c.rollback(savepoint);
                    return false;
                  }
                  c.releaseSavepoint(savepoint);
                  return true;
                });
    return Boolean.TRUE.equals(copied);
  }
}
