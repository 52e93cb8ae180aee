package dk.jobagent.ingest.accept;

import dk.jobagent.ingest.accept.PendingRequest.Key;
import dk.jobagent.schemas.messages.Topology;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Writes one batch of requests in ONE transaction: the request rows with {@code INSERT … ON
 * CONFLICT DO NOTHING RETURNING} (the primary key decides duplicates, also against other batches,
 * restarts and other instances; never read-then-write), then an outbox row for each row that was
 * inserted together with its audit record. Arrays are passed through {@code unnest()} so each step
 * is one statement, whatever the batch size (pgjdbc does not rewrite batches that return rows).
 *
 * <p>Rows are inserted in primary-key order, so two batches running at once (two writers, or two
 * instances) wait on each other in one direction only and cannot deadlock.
 */
@Component
class RequestBatchWriter {

  private static final String INSERT_REQUESTS =
      """
      insert into request (client_id, request_id, operation, cpr, access_category, body_hash, body,
                           received_at, trace_parent)
      select c, r, o, p, a, decode(h, 'hex'), b::jsonb, t::timestamptz, tp
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[]) as u(c, r, o, p, a, h, b, t, tp)
      on conflict do nothing
      returning client_id, request_id
      """;

  // The outbox rows and the audit records of the accepted requests: one statement (a data-modifying
  // CTE), so auditing adds no round trip to the batch.
  private static final String INSERT_OUTBOX_AND_AUDIT =
      """
      with ob as (
        insert into outbox (exchange, routing_key, message_id, payload, headers)
        select ?, k, m, convert_to(p, 'UTF8'), hd::jsonb
          from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(k, m, p, hd))
      insert into audit_event (occurred_at, actor, access_category, operation, request_id, outcome,
                               cpr_hmac, cpr_masked)
      select t::timestamptz, c, a, op, r, 'ACCEPTED', decode(h, 'hex'), mk
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
             as au(t, c, a, op, r, h, mk)
      """;

  private static final String EXISTING_HASHES =
      """
      select r.client_id, r.request_id, encode(r.body_hash, 'hex')
        from request r
        join unnest(?::text[], ?::text[]) as k(c, q) on r.client_id = k.c and r.request_id = k.q
      """;

  private final DataSource dataSource;

  RequestBatchWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes distinct keys (the caller removes in-batch repeats), sorted by key; returns each key's
   * outcome. Throws on any database error: nothing of the batch is then committed.
   */
  Map<Key, AcceptOutcome> write(List<PendingRequest> distinctSorted) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<Key, AcceptOutcome> outcomes = writeIn(c, distinctSorted);
        c.commit();
        return outcomes;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private Map<Key, AcceptOutcome> writeIn(Connection c, List<PendingRequest> rows)
      throws SQLException {
    Set<Key> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT_REQUESTS)) {
      int i = 1;
      ps.setArray(i++, texts(c, rows, r -> r.clientId));
      ps.setArray(i++, texts(c, rows, r -> r.requestId));
      ps.setArray(i++, texts(c, rows, r -> r.operation.name()));
      ps.setArray(i++, texts(c, rows, r -> r.cpr));
      ps.setArray(i++, texts(c, rows, r -> r.accessCategory));
      ps.setArray(i++, texts(c, rows, r -> r.bodyHashHex));
      ps.setArray(i++, texts(c, rows, r -> r.body));
      ps.setArray(i++, texts(c, rows, r -> r.receivedAt.toString()));
      ps.setArray(i, texts(c, rows, r -> r.traceParent));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(new Key(rs.getString(1), rs.getString(2)));
        }
      }
    }
    List<PendingRequest> accepted = new ArrayList<>(inserted.size());
    List<PendingRequest> repeated = new ArrayList<>();
    for (PendingRequest r : rows) {
      (inserted.contains(r.key()) ? accepted : repeated).add(r);
    }
    if (!accepted.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX_AND_AUDIT)) {
        int i = 1;
        ps.setString(i++, Topology.COMMAND_EXCHANGE);
        ps.setArray(i++, texts(c, accepted, r -> r.operation.routingKey()));
        ps.setArray(i++, texts(c, accepted, r -> r.clientId + ":" + r.requestId));
        ps.setArray(i++, texts(c, accepted, r -> r.commandJson));
        ps.setArray(i++, texts(c, accepted, r -> r.headersJson));
        ps.setArray(i++, texts(c, accepted, r -> r.receivedAt.toString()));
        ps.setArray(i++, texts(c, accepted, r -> r.clientId));
        ps.setArray(i++, texts(c, accepted, r -> r.accessCategory));
        ps.setArray(i++, texts(c, accepted, r -> AuditOperations.of(r.operation)));
        ps.setArray(i++, texts(c, accepted, r -> r.requestId));
        ps.setArray(i++, texts(c, accepted, r -> r.cprHmacHex));
        ps.setArray(i, texts(c, accepted, r -> r.cprMasked));
        ps.executeUpdate();
      }
    }
    Map<Key, AcceptOutcome> outcomes = new HashMap<>();
    accepted.forEach(r -> outcomes.put(r.key(), AcceptOutcome.ACCEPTED));
    if (!repeated.isEmpty()) {
      // The conflicting rows are committed by now: ON CONFLICT waits for a concurrent inserter.
      Map<Key, String> existing = existingHashes(c, repeated);
      for (PendingRequest r : repeated) {
        String hash = existing.get(r.key());
        outcomes.put(
            r.key(),
            hash == null || hash.equals(r.bodyHashHex)
                ? AcceptOutcome.DUPLICATE
                : AcceptOutcome.REUSED);
      }
    }
    return outcomes;
  }

  private static Map<Key, String> existingHashes(Connection c, List<PendingRequest> rows)
      throws SQLException {
    Map<Key, String> hashes = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(EXISTING_HASHES)) {
      ps.setArray(1, texts(c, rows, r -> r.clientId));
      ps.setArray(2, texts(c, rows, r -> r.requestId));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hashes.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
        }
      }
    }
    return hashes;
  }

  private static Array texts(
      Connection c, List<PendingRequest> rows, Function<PendingRequest, String> column)
      throws SQLException {
    String[] values = new String[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = column.apply(rows.get(i));
    }
    return c.createArrayOf("text", values);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; Hikari discards it
    }
  }
}
