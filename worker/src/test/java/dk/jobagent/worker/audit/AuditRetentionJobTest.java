package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Expiry drops whole expired months and nothing else; months ahead are prepared. */
class AuditRetentionJobTest extends WorkerIntegrationTest {

  @Autowired AuditRetentionJob job;
  @Autowired JdbcClient jdbc;

  @Test
  void dropsOnlyMonthsThatEndedBeforeTheRetentionAndPreparesMonthsAhead() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate month = today.withDayOfMonth(1);
    // months 9 to 1 back exist (as after a long run); rows in the 8th, 6th and 1st month back
    jdbc.sql("select audit_ensure_partitions(?, ?)")
        .params(month.minusMonths(9), month)
        .query(Integer.class)
        .single();
    String actor = "retention-" + UUID.randomUUID();
    insert(actor, month.minusMonths(8).plusDays(3));
    insert(actor, month.minusMonths(6).plusDays(3));
    insert(actor, month.minusMonths(1).plusDays(3));

    List<String> dropped = job.run(today);

    // with P6M: a month goes once all of it is older than six months
    assertThat(dropped).contains(partition(month.minusMonths(8)), partition(month.minusMonths(7)));
    assertThat(dropped)
        .doesNotContain(
            partition(month.minusMonths(6)), partition(month.minusMonths(1)), partition(month));
    assertThat(
            jdbc.sql("select occurred_at::date from audit_event where actor = ? order by 1")
                .param(actor)
                .query(LocalDate.class)
                .list())
        .containsExactly(month.minusMonths(6).plusDays(3), month.minusMonths(1).plusDays(3));
    assertThat(exists(partition(month.plusMonths(3)))).isTrue();
    assertThat(exists(partition(month.minusMonths(8)))).isFalse();
    // a second run finds nothing more to do
    assertThat(job.run(today)).isEmpty();
  }

  private void insert(String actor, LocalDate day) {
    jdbc.sql(
            "insert into audit_event (occurred_at, actor, operation, outcome)"
                + " values (cast(? as date) + time '12:00', ?, 'Test', 'OK')")
        .params(day, actor)
        .update();
  }

  private static String partition(LocalDate month) {
    return "audit_event_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
  }

  private boolean exists(String table) {
    return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
  }
}
