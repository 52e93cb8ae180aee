package dk.jobagent.worker.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maintains the audit trail's monthly partitions: creates the current month and {@code
 * jobagent.retention.audit-months-ahead} (default 3) months ahead, and drops every month that ended
 * more than {@code jobagent.retention.audit} (default P6M) ago — whole partitions, never rows, via
 * the SECURITY DEFINER function {@code audit_drop_partitions_before} (the only way audit rows
 * leave). Months are UTC months. Rows that fell into the DEFAULT partition (no month prepared) are
 * counted in {@code jobagent_audit_default_partition_rows}: they are not purged automatically.
 */
@Component
class AuditRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(AuditRetentionJob.class);

  private final JdbcClient jdbc;
  private final Period retention;
  private final int monthsAhead;
  private final Counter dropped;
  private final Counter failures;
  private final AtomicLong lastSuccess = new AtomicLong();
  private final AtomicLong defaultRows = new AtomicLong();

  AuditRetentionJob(
      JdbcClient jdbc,
      @Value("${jobagent.retention.audit:P6M}") String retention,
      @Value("${jobagent.retention.audit-months-ahead:3}") int monthsAhead,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.retention = Period.parse(retention);
    this.monthsAhead = monthsAhead;
    this.dropped =
        Counter.builder("jobagent.retention.purged")
            .description("Rows (or, for audit, monthly partitions) removed by retention purges")
            .tag("data", "audit_partitions")
            .register(registry);
    this.failures =
        Counter.builder("jobagent.retention.failures")
            .description("Retention purge runs that failed")
            .tag("data", "audit")
            .register(registry);
    Gauge.builder("jobagent.retention.last.success", lastSuccess, AtomicLong::get)
        .description("Epoch seconds of the last successful purge run")
        .tag("data", "audit")
        .register(registry);
    Gauge.builder("jobagent.audit.default.partition.rows", defaultRows, AtomicLong::get)
        .description("Audit rows outside every monthly partition (not purged automatically)")
        .register(registry);
  }

  /** The scheduled run: logs and counts a failure instead of throwing. */
  void runQuietly(LocalDate todayUtc) {
    try {
      run(todayUtc);
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Audit partition maintenance failed; next run retries: {}", e.toString());
    }
  }

  /** Prepares months ahead, drops expired months; returns the partitions dropped. */
  List<String> run(LocalDate todayUtc) {
    jdbc.sql("select audit_ensure_partitions(?, ?)")
        .params(todayUtc.withDayOfMonth(1), todayUtc.withDayOfMonth(1).plusMonths(monthsAhead))
        .query(Integer.class)
        .single();
    LocalDate cutoff = todayUtc.minus(retention);
    List<String> gone =
        jdbc.sql("select audit_drop_partitions_before(?)").param(cutoff).query(String.class).list();
    dropped.increment(gone.size());
    defaultRows.set(
        jdbc.sql("select count(*) from audit_event_default").query(Long.class).single());
    lastSuccess.set(System.currentTimeMillis() / 1000);
    if (!gone.isEmpty()) {
      log.info("Dropped audit partitions {} (months ended before {})", gone, cutoff);
    }
    if (defaultRows.get() > 0) {
      log.warn(
          "{} audit rows sit in the default partition (outside every prepared month)",
          defaultRows.get());
    }
    return gone;
  }
}
