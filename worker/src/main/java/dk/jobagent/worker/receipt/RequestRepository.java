package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.Operation;
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
        .query(
            (rs, n) ->
                new LockedRequest(
                    clientId,
                    requestId,
                    Operation.valueOf(rs.getString("operation")),
                    rs.getString("cpr").trim(),
                    rs.getString("body"),
                    rs.getTimestamp("received_at").toInstant(),
                    rs.getString("trace_parent"),
                    ReceiptStatus.valueOf(rs.getString("status"))))
        .optional();
  }
}
