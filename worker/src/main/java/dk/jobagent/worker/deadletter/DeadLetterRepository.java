package dk.jobagent.worker.deadletter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code dead_letter} table (migration V380). */
@Repository
class DeadLetterRepository {

  enum Stored {
    /** a new row */
    NEW,
    /** a re-driven message died again: its row waits again, same id */
    REOPENED,
    /** a redelivery of a dead letter already stored: nothing changed */
    DUPLICATE
  }

  /** A row as the admin endpoints need it. */
  record Row(
      String id,
      String messageId,
      String originalExchange,
      String originalRoutingKey,
      byte[] payload,
      String reason,
      int attempts,
      Instant firstDeathAt,
      Instant storedAt,
      Instant redrivenAt,
      int redriveCount,
      String traceParent) {}

  private static final String COLUMNS =
      """
      id, message_id, original_exchange, original_routing_key, payload, reason, attempts,
      first_death_at, stored_at, redriven_at, redrive_count, headers ->> 'traceparent' as traceparent
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  DeadLetterRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Stores the dead letter in one statement (committed when this returns). A row for the message id
   * that waits for a re-drive, or was re-driven more often than this copy says, is left alone: that
   * is a redelivery. A row whose latest re-drive this copy is reopens.
   */
  Stored store(IncomingDeadLetter letter) {
    return jdbc.sql(
            """
            insert into dead_letter (message_id, original_exchange, original_routing_key, payload,
                                     headers, reason, attempts, first_death_at)
            values (:messageId, :exchange, :routingKey, :payload, cast(:headers as jsonb), :reason,
                    :attempts, :firstDeathAt)
            on conflict (message_id) do update
               set original_exchange = excluded.original_exchange,
                   original_routing_key = coalesce(excluded.original_routing_key,
                                                   dead_letter.original_routing_key),
                   payload = excluded.payload,
                   headers = excluded.headers,
                   reason = excluded.reason,
                   attempts = excluded.attempts,
                   stored_at = now(),
                   redriven_at = null
             where dead_letter.redriven_at is not null
               and dead_letter.redrive_count = :redriveCount
            returning (xmax = 0) as inserted
            """)
        .param("messageId", letter.messageId())
        .param("exchange", letter.originalExchange())
        .param("routingKey", letter.originalRoutingKey(), java.sql.Types.VARCHAR)
        .param("payload", letter.payload())
        .param("headers", json.writeValueAsString(letter.headers()))
        .param("reason", letter.reason())
        .param("attempts", letter.attempts())
        .param("firstDeathAt", Timestamp.from(letter.firstDeathAt()))
        .param("redriveCount", letter.redriveCount())
        .query(Boolean.class)
        .optional()
        .map(inserted -> inserted ? Stored.NEW : Stored.REOPENED)
        .orElse(Stored.DUPLICATE);
  }

  /** Newest first. */
  List<Row> list(int limit) {
    return jdbc.sql(
            "select " + COLUMNS + " from dead_letter order by stored_at desc, id desc limit :limit")
        .param("limit", limit)
        .query(DeadLetterRepository::row)
        .list();
  }

  /** Which of these ids exist. */
  List<String> existing(Collection<String> ids) {
    return jdbc.sql("select id from dead_letter where id = any(:ids)")
        .param("ids", ids.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /**
   * Rows still waiting, locked until the caller's transaction ends (a concurrent re-drive of the
   * same rows waits, then finds them re-driven); all of them when {@code ids} is null. Oldest
   * first, so commands are re-driven in the order they died.
   */
  List<Row> lockWaiting(Collection<String> ids) {
    String where = ids == null ? "" : " and id = any(:ids)";
    var spec =
        jdbc.sql(
            "select "
                + COLUMNS
                + " from dead_letter where redriven_at is null"
                + where
                + " order by stored_at, id for update");
    if (ids != null) {
      spec = spec.param("ids", ids.toArray(String[]::new));
    }
    return spec.query(DeadLetterRepository::row).list();
  }

  void markRedriven(String id) {
    jdbc.sql(
            """
            update dead_letter set redriven_at = now(), redrive_count = redrive_count + 1
             where id = :id
            """)
        .param("id", id)
        .update();
  }

  long waiting() {
    return jdbc.sql("select count(*) from dead_letter where redriven_at is null")
        .query(Long.class)
        .single();
  }

  /** Receipt statuses of these requests (key: clientId + '/' + requestId), for those that exist. */
  Map<String, String> requestStatuses(List<CommandKey> keys) {
    Map<String, String> statuses = new HashMap<>();
    if (keys.isEmpty()) {
      return statuses;
    }
    jdbc.sql(
            """
            select r.client_id, r.request_id, r.status
              from request r
              join unnest(:clientIds, :requestIds) as k(client_id, request_id)
                on r.client_id = k.client_id and r.request_id = k.request_id
            """)
        .param("clientIds", keys.stream().map(CommandKey::clientId).toArray(String[]::new))
        .param("requestIds", keys.stream().map(CommandKey::requestId).toArray(String[]::new))
        .query(
            rs -> {
              statuses.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
            });
    return statuses;
  }

  /** The receipt status of a request, if the request row exists. */
  Optional<String> requestStatus(String clientId, String requestId) {
    return jdbc.sql(
            "select status from request where client_id = :clientId and request_id = :requestId")
        .param("clientId", clientId)
        .param("requestId", requestId)
        .query(String.class)
        .optional();
  }

  private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp redriven = rs.getTimestamp("redriven_at");
    return new Row(
        rs.getString("id"),
        rs.getString("message_id"),
        rs.getString("original_exchange"),
        rs.getString("original_routing_key"),
        rs.getBytes("payload"),
        rs.getString("reason"),
        rs.getInt("attempts"),
        rs.getTimestamp("first_death_at").toInstant(),
        rs.getTimestamp("stored_at").toInstant(),
        redriven == null ? null : redriven.toInstant(),
        rs.getInt("redrive_count"),
        rs.getString("traceparent"));
  }
}
