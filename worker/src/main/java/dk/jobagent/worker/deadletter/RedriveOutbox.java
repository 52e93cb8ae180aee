package dk.jobagent.worker.deadletter;

import dk.jobagent.schemas.messages.Topology;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Re-drives in the shared {@code outbox} table: command rows ({@code exchange = jobagent.commands})
 * marked by the header {@code x-jobagent-dead-letter-id}. ingest-api's relay publishes every
 * command row, these included; the worker publishes its own right after the commit and sweeps up
 * any left behind, so a re-drive completes even while ingest-api is down. Both sides claim rows
 * with {@code FOR UPDATE SKIP LOCKED} and delete them on the confirm, so a row is never published
 * by two relays at once.
 */
@Repository
class RedriveOutbox {

  record Row(long id, String routingKey, String messageId, byte[] payload, String headers) {}

  private final JdbcClient jdbc;

  RedriveOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String routingKey, String messageId, byte[] payload, String headersJson) {
    return jdbc.sql(
            """
            insert into outbox (exchange, routing_key, message_id, payload, headers)
            values (:exchange, :routingKey, :messageId, :payload, cast(:headers as jsonb))
            returning id
            """)
        .param("exchange", Topology.COMMAND_EXCHANGE)
        .param("routingKey", routingKey)
        .param("messageId", messageId)
        .param("payload", payload)
        .param("headers", headersJson)
        .query(Long.class)
        .single();
  }

  /** These rows, if still there and not held by another relay; in the caller's transaction. */
  List<Row> claim(Collection<Long> ids) {
    return jdbc.sql(
            """
            select id, routing_key, message_id, payload, headers::text as headers
              from outbox
             where id = any(:ids) and exchange = :exchange
             order by id
               for update skip locked
            """)
        .param("ids", ids.toArray(Long[]::new))
        .param("exchange", Topology.COMMAND_EXCHANGE)
        .query(RedriveOutbox::row)
        .list();
  }

  /** Re-drive rows nobody published yet (due ones, oldest first); in the caller's transaction. */
  List<Row> claimLeftOver(int limit) {
    return jdbc.sql(
            """
            select id, routing_key, message_id, payload, headers::text as headers
              from outbox
             where exchange = :exchange
               and jsonb_exists(headers, :marker)
               and (not_before is null or not_before <= now())
             order by id
             limit :limit
               for update skip locked
            """)
        .param("exchange", Topology.COMMAND_EXCHANGE)
        .param("marker", DeadLetterReader.HEADER_DEAD_LETTER_ID)
        .param("limit", limit)
        .query(RedriveOutbox::row)
        .list();
  }

  void delete(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("delete from outbox where id = any(:ids)")
          .param("ids", ids.toArray(Long[]::new))
          .update();
    }
  }

  /** A failed publish waits a little before the next sweep (or ingest-api's relay) tries again. */
  void postpone(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql(
              """
              update outbox set attempts = attempts + 1, not_before = now() + interval '5 seconds'
               where id = any(:ids)
              """)
          .param("ids", ids.toArray(Long[]::new))
          .update();
    }
  }

  private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("routing_key"),
        rs.getString("message_id"),
        rs.getBytes("payload"),
        rs.getString("headers"));
  }
}
