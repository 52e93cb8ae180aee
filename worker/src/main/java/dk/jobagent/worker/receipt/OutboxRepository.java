package dk.jobagent.worker.receipt;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of the shared {@code outbox}: it relays only rows for the reply exchange
 * (ingest-api relays the command rows). Reply rows are written by {@link ReceiptWriter}.
 */
@Repository
class OutboxRepository {

  /** A row as the relay needs it; {@code headers} is a JSON object of string values, or null. */
  record OutboxRow(
      long id,
      String exchange,
      String routingKey,
      String messageId,
      byte[] payload,
      String headers,
      int attempts) {}

  private final JdbcClient jdbc;

  OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Due rows of one exchange, oldest first, locked; rows another relay instance holds are skipped,
   * so several workers share the backlog without publishing a row twice in parallel.
   */
  List<OutboxRow> lockDue(String exchange, int limit) {
    return jdbc.sql(
            """
            select id, exchange, routing_key, message_id, payload, headers::text as headers, attempts
              from outbox
             where exchange = :exchange and (not_before is null or not_before <= now())
             order by id
             limit :limit
               for update skip locked
            """)
        .param("exchange", exchange)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new OutboxRow(
                    rs.getLong("id"),
                    rs.getString("exchange"),
                    rs.getString("routing_key"),
                    rs.getString("message_id"),
                    rs.getBytes("payload"),
                    rs.getString("headers"),
                    rs.getInt("attempts")))
        .list();
  }

  void delete(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("delete from outbox where id = any(:ids)")
        .param("ids", ids.toArray(Long[]::new))
        .update();
  }

  void postpone(long id, Duration delay) {
    jdbc.sql(
            """
            update outbox set attempts = attempts + 1, not_before = :notBefore where id = :id
            """)
        .param("notBefore", Timestamp.from(Instant.now().plus(delay)))
        .param("id", id)
        .update();
  }
}
