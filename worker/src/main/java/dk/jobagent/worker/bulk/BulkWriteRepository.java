package dk.jobagent.worker.bulk;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based writes of a chunk, each ONE statement over arrays ({@code unnest}), whatever the
 * chunk size: request rows (dedupe key and final receipt at once), enrolments, job wishes, replies
 * in the outbox, and the per-line results. All run in the chunk's transaction.
 */
@Repository
class BulkWriteRepository {

  private final JdbcClient jdbc;

  BulkWriteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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

  /** Final request rows; returns the requestIds actually inserted (a concurrent caller may win). */
  record RequestRows(
      String[] requestIds,
      String[] cprs,
      String[] hashes,
      String[] bodies,
      String[] statuses,
      String[] results,
      String[] errors,
      String[] warnings) {}

  Set<String> insertRequests(
      String clientId,
      String accessCategory,
      String fileId,
      Instant receivedAt,
      Instant completedAt,
      RequestRows rows) {
    if (rows.requestIds().length == 0) {
      return Set.of();
    }
    // rows in primary-key order, like ingest-api's writer: concurrent inserters cannot deadlock
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
            .param("client", clientId)
            .param("access", accessCategory)
            .param("receivedAt", Timestamp.from(receivedAt))
            .param("fileId", fileId)
            .param("completedAt", Timestamp.from(completedAt))
            .param("r", rows.requestIds())
            .param("p", rows.cprs())
            .param("h", rows.hashes())
            .param("b", rows.bodies())
            .param("s", rows.statuses())
            .param("res", rows.results())
            .param("e", rows.errors())
            .param("w", rows.warnings())
            .query(String.class)
            .list());
  }

  /** New open enrolments; returns requestId → enrolment id of those inserted. */
  record EnrolmentRows(
      String[] requestIds,
      String[] cprs,
      String[] categories,
      String[] statuses,
      String[] dates,
      String[] haendelsesdatoer,
      String[] emails) {}

  Map<String, Long> insertEnrolments(String clientId, EnrolmentRows rows) {
    Map<String, Long> ids = new HashMap<>();
    if (rows.requestIds().length == 0) {
      return ids;
    }
    // A citizen enrolled concurrently through the API since the chunk's facts were read keeps
    // that enrolment (the partial unique index): the line is then not inserted and the caller
    // turns it into 4316, as the rule would have said.
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
        .param("r", rows.requestIds())
        .param("p", rows.cprs())
        .param("c", rows.categories())
        .param("s", rows.statuses())
        .param("d", rows.dates())
        .param("h", rows.haendelsesdatoer())
        .param("e", rows.emails())
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> {
                  ids.put(rs.getString("created_request_id"), rs.getLong("id"));
                });
    return ids;
  }

  record JobWishRows(
      String[] enrolmentIds,
      String[] targets,
      String[] uris,
      String[] aliases,
      String[] education,
      String[] years,
      String[] months) {}

  void insertJobWishes(JobWishRows rows) {
    if (rows.enrolmentIds().length == 0) {
      return;
    }
    jdbc.sql(
            """
            insert into job_wish (enrolment_id, job_target_id, concept_uri, alias_id, has_education,
                                  year_last_used, months_of_experience)
            select i::bigint, t::uuid, c, a::uuid, ed::boolean, y::int, m::int
              from unnest(cast(:i as text[]), cast(:t as text[]), cast(:c as text[]),
                          cast(:a as text[]), cast(:ed as text[]), cast(:y as text[]),
                          cast(:m as text[])) as u(i, t, c, a, ed, y, m)
            """)
        .param("i", rows.enrolmentIds())
        .param("t", rows.targets())
        .param("c", rows.uris())
        .param("a", rows.aliases())
        .param("ed", rows.education())
        .param("y", rows.years())
        .param("m", rows.months())
        .update();
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

  /** Replies for the reply relay: message id = requestId, like the command path's. */
  void insertReplies(
      String exchange,
      String routingKey,
      String[] messageIds,
      String[] payloads,
      String[] headers) {
    if (messageIds.length == 0) {
      return;
    }
    jdbc.sql(
            """
            insert into outbox (exchange, routing_key, message_id, payload, headers)
            select :exchange, :key, m, convert_to(p, 'UTF8'), hd::jsonb
              from unnest(cast(:m as text[]), cast(:p as text[]), cast(:hd as text[]))
                   as u(m, p, hd)
            """)
        .param("exchange", exchange)
        .param("key", routingKey)
        .param("m", messageIds)
        .param("p", payloads)
        .param("hd", headers)
        .update();
  }

  record ResultRows(
      String[] lineNos,
      String[] requestIds,
      String[] statuses,
      String[] codes,
      String[] warnings,
      String[] fieldErrors) {}

  /**
   * Per-line results. ON CONFLICT keeps a line's first result: should a line ever be offered twice,
   * its first (committed) outcome stands, and the second found its own request row anyway.
   */
  void insertResults(long fileId, ResultRows rows) {
    jdbc.sql(
            """
            insert into bulk_line_result (file_id, line_no, request_id, status, codes, warnings,
                                          field_errors)
            select :file, n::int, r, s, c::int[], w::int[], f::jsonb
              from unnest(cast(:n as text[]), cast(:r as text[]), cast(:s as text[]),
                          cast(:c as text[]), cast(:w as text[]), cast(:f as text[]))
                   as u(n, r, s, c, w, f)
            on conflict do nothing
            """)
        .param("file", fileId)
        .param("n", rows.lineNos())
        .param("r", rows.requestIds())
        .param("s", rows.statuses())
        .param("c", rows.codes())
        .param("w", rows.warnings())
        .param("f", rows.fieldErrors())
        .update();
  }
}
