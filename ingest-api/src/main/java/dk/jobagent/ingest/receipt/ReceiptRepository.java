package dk.jobagent.ingest.receipt;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a receipt: the request row, looked up within the caller's client id (its primary key). */
@Repository
class ReceiptRepository {

  record Row(
      String requestId,
      String operation,
      String status,
      OffsetDateTime receivedAt,
      OffsetDateTime completedAt,
      String resultJson,
      String errorsJson,
      String warningsJson,
      String cpr) {

    boolean pending() {
      return "PENDING".equals(status);
    }
  }

  private final JdbcClient jdbc;

  ReceiptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> find(String clientId, String requestId) {
    return jdbc.sql(
            """
            select request_id, operation, status, received_at, completed_at,
                   result::text, errors::text, warnings::text, cpr
              from request
             where client_id = :clientId and request_id = :requestId
            """)
        .param("clientId", clientId)
        .param("requestId", requestId)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class),
                    rs.getObject(5, OffsetDateTime.class),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9)))
        .optional();
  }
}
