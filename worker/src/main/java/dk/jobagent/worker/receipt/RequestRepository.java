package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Operation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code request} table: the request, its dedupe key and its receipt in one row. */
@Repository
public class RequestRepository {

  private final JdbcClient jdbc;

  RequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A request's key. */
  public record Key(String clientId, String requestId) {}

  /**
   * Reads and locks the rows of a batch in one statement, in key order (two workers locking
   * overlapping batches then wait rather than deadlock); must run inside the processing
   * transaction. Keys without a row are missing from the answer.
   */
  public Map<Key, LockedRequest> lockAll(Collection<Key> keys) {
    List<Key> sorted =
        keys.stream()
            .distinct()
            .sorted(Comparator.comparing(Key::clientId).thenComparing(Key::requestId))
            .toList();
    Map<Key, LockedRequest> locked = new HashMap<>();
    jdbc.sql(
            """
            select r.client_id, r.request_id, r.operation, r.cpr, r.body::text as body,
                   r.received_at, r.trace_parent, r.status
              from unnest(cast(:clients as text[]), cast(:requests as text[]))
                   with ordinality as k(c, r, n)
              join request r on r.client_id = k.c and r.request_id = k.r
             order by k.n
               for update of r
            """)
        .param("clients", sorted.stream().map(Key::clientId).toArray(String[]::new))
        .param("requests", sorted.stream().map(Key::requestId).toArray(String[]::new))
        .query(
            rs -> {
              LockedRequest request =
                  row(rs, rs.getString("client_id"), rs.getString("request_id"));
              locked.put(new Key(request.clientId(), request.requestId()), request);
            });
    return locked;
  }

  /** Reads and locks the row; must run inside the processing transaction. */
  public Optional<LockedRequest> lock(String clientId, String requestId) {
    return jdbc.sql(
            """
            select operation, cpr, body::text as body, received_at, trace_parent, status
              from request
             where client_id = :clientId and request_id = :requestId
               for update
            """)
        .param("clientId", clientId)
        .param("requestId", requestId)
        .query((rs, n) -> row(rs, clientId, requestId))
        .optional();
  }

  private static LockedRequest row(ResultSet rs, String clientId, String requestId)
      throws SQLException {
    return new LockedRequest(
        clientId,
        requestId,
        Operation.valueOf(rs.getString("operation")),
        rs.getString("cpr").trim(),
        rs.getString("body"),
        rs.getTimestamp("received_at").toInstant(),
        rs.getString("trace_parent"),
        ReceiptStatus.valueOf(rs.getString("status")));
  }
}
