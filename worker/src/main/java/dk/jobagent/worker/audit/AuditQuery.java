package dk.jobagent.worker.audit;

import dk.jobagent.schemas.audit.CprHash;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a citizen's audit records by CPR hash, newest first. */
@Repository
class AuditQuery {

  private final JdbcClient jdbc;
  private final CprHash hash;

  AuditQuery(JdbcClient jdbc, CprHash hash) {
    this.jdbc = jdbc;
    this.hash = hash;
  }

  /** Records in [from, to) (either may be null: unbounded), at most {@code limit}. */
  List<AuditRecord> byCpr(String cpr, Instant from, Instant to, int limit) {
    return jdbc.sql(
            """
            select occurred_at, actor, access_category, operation, request_id, outcome, code,
                   cpr_masked, detail::text
              from audit_event
             where cpr_hmac = :hmac
               and occurred_at >= :from and occurred_at < :to
             order by occurred_at desc, id desc
             limit :limit
            """)
        .param("hmac", hash.hmac(cpr))
        .param("from", utc(from == null ? Instant.parse("1970-01-01T00:00:00Z") : from))
        .param("to", utc(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new AuditRecord(
                    rs.getObject(1, OffsetDateTime.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    (Integer) rs.getObject(7),
                    rs.getString(8),
                    rs.getString(9)))
        .list();
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
