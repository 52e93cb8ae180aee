package dk.jobagent.worker.audit;

import dk.jobagent.schemas.audit.CprHash;
import java.sql.Types;
import java.util.List;
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

  /**
   * A record about the citizen of a stored request, with the caller's access category taken from
   * that request row ({@code actor} is the request's client id).
   */
  public void recordForRequest(
      String clientId,
      String requestId,
      String operation,
      String outcome,
      Integer code,
      String cpr,
      String detailJson) {
    recordForRequests(
        List.of(new RequestEvent(clientId, requestId, operation, outcome, code, cpr, detailJson)));
  }

  /** An act on the citizen of a stored request; {@code detailJson} may be null. */
  public record RequestEvent(
      String clientId,
      String requestId,
      String operation,
      String outcome,
      Integer code,
      String cpr,
      String detailJson) {}

  /**
   * Records many acts on stored requests in one statement, each with the access category of its
   * request row, in the caller's transaction.
   */
  public void recordForRequests(List<RequestEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    String[] clients = new String[n];
    String[] requestIds = new String[n];
    String[] operations = new String[n];
    String[] outcomes = new String[n];
    Integer[] codes = new Integer[n];
    String[] hmacs = new String[n];
    String[] masked = new String[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      RequestEvent e = events.get(i);
      clients[i] = e.clientId();
      requestIds[i] = e.requestId();
      operations[i] = e.operation();
      outcomes[i] = e.outcome();
      codes[i] = e.code();
      hmacs[i] = hash.hmacHex(e.cpr());
      masked[i] = CprHash.masked(e.cpr());
      details[i] = e.detailJson();
    }
    jdbc.sql(
            """
            insert into audit_event (actor, access_category, operation, request_id, outcome, code,
                                     cpr_hmac, cpr_masked, detail)
            select u.a, req.access_category, u.op, u.r, u.o, u.c, decode(u.h, 'hex'), u.m,
                   cast(u.d as jsonb)
              from unnest(cast(:clients as text[]), cast(:requests as text[]),
                          cast(:operations as text[]), cast(:outcomes as text[]),
                          cast(:codes as int[]), cast(:hmacs as text[]), cast(:masked as text[]),
                          cast(:details as text[]))
                   with ordinality as u(a, r, op, o, c, h, m, d, n)
              left join request req on req.client_id = u.a and req.request_id = u.r
             order by u.n
            """)
        .param("clients", clients)
        .param("requests", requestIds)
        .param("operations", operations)
        .param("outcomes", outcomes)
        .param("codes", codes)
        .param("hmacs", hmacs)
        .param("masked", masked)
        .param("details", details)
        .update();
  }

  /**
   * A record about the citizen of a stored request whose CPR the caller does not hold (a booking
   * cancelled by the sweep): CPR and access category are read from the request row. When the row is
   * gone (purged), the record is still written, without a CPR.
   */
  public void recordForRequestRow(
      String clientId, String requestId, String operation, String outcome, String detailJson) {
    java.util.Optional<String> cpr =
        jdbc.sql("select cpr from request where client_id = ? and request_id = ?")
            .params(clientId, requestId)
            .query(String.class)
            .optional();
    recordForRequest(clientId, requestId, operation, outcome, null, cpr.orElse(null), detailJson);
  }

  /** One line of a batch of records by the same actor (a bulk file's chunk). */
  public record Line(String requestId, String cpr, String outcome, Integer code) {}

  /** Records many lines in one statement (one per line), in the caller's transaction. */
  public void recordLines(String actor, String accessCategory, String operation, List<Line> lines) {
    if (lines.isEmpty()) {
      return;
    }
    int n = lines.size();
    String[] requestIds = new String[n];
    String[] outcomes = new String[n];
    Integer[] codes = new Integer[n];
    String[] hmacs = new String[n];
    String[] masked = new String[n];
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      requestIds[i] = l.requestId();
      outcomes[i] = l.outcome();
      codes[i] = l.code();
      hmacs[i] = hash.hmacHex(l.cpr());
      masked[i] = CprHash.masked(l.cpr());
    }
    jdbc.sql(
            """
            insert into audit_event (actor, access_category, operation, request_id, outcome, code,
                                     cpr_hmac, cpr_masked)
            select ?, ?, ?, r, o, c, decode(h, 'hex'), m
              from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[]) as u(r, o, c, h, m)
            """)
        .params(actor, accessCategory, operation, requestIds, outcomes, codes, hmacs, masked)
        .update();
  }
}
