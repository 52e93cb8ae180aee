package dk.jobagent.ingest.audit;

import dk.jobagent.schemas.audit.CprHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends one audit record. Call it inside the transaction of the act it records (the read of
 * GetJobagent, a receipt read), so that there is no act without its record. Accepted writes are not
 * recorded here but in the coalesced batch itself ({@code RequestBatchWriter}).
 */
@Component
public class AuditLog {

  /** Operation names in the audit trail (the SPEC's operation names). */
  public static final String GET_JOBAGENT = "GetJobagent";

  public static final String GET_RECEIPT = "GetReceipt";

  private final JdbcClient jdbc;
  private final CprHash hash;

  AuditLog(JdbcClient jdbc, CprHash hash) {
    this.jdbc = jdbc;
    this.hash = hash;
  }

  /** One record about the citizen {@code cpr} (never stored in full). */
  public void record(
      String actor,
      String accessCategory,
      String operation,
      String requestId,
      String outcome,
      Integer code,
      String cpr) {
    jdbc.sql(
            """
            insert into audit_event (actor, access_category, operation, request_id, outcome, code,
                                     cpr_hmac, cpr_masked)
            values (:actor, :category, :operation, :requestId, :outcome, :code, :hmac, :masked)
            """)
        .param("actor", actor)
        .param("category", accessCategory)
        .param("operation", operation)
        .param("requestId", requestId)
        .param("outcome", outcome)
        .param("code", code, java.sql.Types.INTEGER)
        .param("hmac", hash.hmac(cpr), java.sql.Types.BINARY)
        .param("masked", CprHash.masked(cpr))
        .update();
  }
}
