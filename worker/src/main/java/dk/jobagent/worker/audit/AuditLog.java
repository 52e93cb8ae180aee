package dk.jobagent.worker.audit;

import dk.jobagent.schemas.audit.CprHash;
import java.sql.Types;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends one record to the audit trail ({@code audit_event}, append-only). Call it inside the
 * transaction of the act it records: JdbcClient joins the caller's Spring transaction, so the act
 * and its record commit or roll back together.
 *
 * <p>The CPR is stored as its keyed hash and its masked form only.
 */
@Component
public class AuditLog {

  /** Operation names of the worker's records. */
  public static final String ENROLMENT_STARTED = "EnrolmentStarted";

  public static final String ENROLMENT_CHANGED = "EnrolmentChanged";
  public static final String ENROLMENT_ENDED = "EnrolmentEnded";
  public static final String BOOKING_MADE = "BookingMade";
  public static final String BOOKING_CANCELLED = "BookingCancelled";
  public static final String BULK_LINE = "BulkLine";
  public static final String REFERENCE_LOAD = "ReferenceLoad";
  public static final String AUDIT_READ = "AuditRead";

  private final JdbcClient jdbc;
  private final CprHash hash;

  public AuditLog(JdbcClient jdbc, CprHash hash) {
    this.jdbc = jdbc;
    this.hash = hash;
  }

  /** A record about one citizen. */
  public void record(
      String actor,
      String accessCategory,
      String operation,
      String requestId,
      String outcome,
      Integer code,
      String cpr) {
    record(actor, accessCategory, operation, requestId, outcome, code, cpr, null);
  }

  /**
   * A record with small extra facts as JSON ({@code detailJson}, e.g. a load's counts); {@code cpr}
   * is null when the act concerns no single citizen.
   */
  public void record(
      String actor,
      String accessCategory,
      String operation,
      String requestId,
      String outcome,
      Integer code,
      String cpr,
      String detailJson) {
    jdbc.sql(
            """
            insert into audit_event (actor, access_category, operation, request_id, outcome, code,
                                     cpr_hmac, cpr_masked, detail)
            values (:actor, :category, :operation, :requestId, :outcome, :code, :hmac, :masked,
                    cast(:detail as jsonb))
            """)
        .param("actor", actor == null ? "unknown" : actor)
        .param("category", accessCategory)
        .param("operation", operation)
        .param("requestId", requestId)
        .param("outcome", outcome)
        .param("code", code, Types.INTEGER)
        .param("hmac", hash.hmac(cpr), Types.BINARY)
        .param("masked", CprHash.masked(cpr))
        .param("detail", detailJson, Types.VARCHAR)
        .update();
  }
}
