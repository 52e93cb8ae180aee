package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.testing.TestServices;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is append-only in the database itself: the trigger refuses UPDATE, DELETE and
 * TRUNCATE even to the owner (tests run as superuser), and the application role {@code
 * jobagent_app} has no UPDATE or DELETE privilege at all; it can only insert, read and let the
 * SECURITY DEFINER functions manage partitions.
 */
class AuditAppendOnlyTest extends WorkerIntegrationTest {

  @Test
  void triggerRefusesUpdateDeleteAndTruncateEvenToTheOwner() throws SQLException {
    String actor = "append-only-" + UUID.randomUUID();
    try (Connection c = TestServices.get().openConnection();
        Statement s = c.createStatement()) {
      s.execute(insert(actor));

      assertThatThrownBy(
              () -> s.execute("update audit_event set outcome = 'X' where actor = '" + actor + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.execute("delete from audit_event where actor = '" + actor + "'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      // statement level: refused even when no row matches
      assertThatThrownBy(() -> s.execute("delete from audit_event where false"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.execute("truncate audit_event"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");

      assertThat(outcome(s, actor)).isEqualTo("OK");
    }
  }

  @Test
  void applicationRoleCanInsertAndReadButNotUpdateOrDelete() throws SQLException {
    String actor = "app-role-" + UUID.randomUUID();
    try (Connection c = TestServices.get().openConnection();
        Statement s = c.createStatement()) {
      s.execute("set role jobagent_app");
      try {
        s.execute(insert(actor));
        assertThat(outcome(s, actor)).isEqualTo("OK");

        assertThatThrownBy(
                () ->
                    s.execute("update audit_event set outcome = 'X' where actor = '" + actor + "'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        assertThatThrownBy(() -> s.execute("delete from audit_event where actor = '" + actor + "'"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
        // nor around the parent, on a partition directly
        assertThatThrownBy(() -> s.execute("delete from audit_event_default"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");

        // the purge's way is open to it: the SECURITY DEFINER function (dropping nothing here)
        s.execute("select audit_drop_partitions_before(date '1900-01-01')");
        assertThat(outcome(s, actor)).isEqualTo("OK");
      } finally {
        s.execute("reset role");
      }
    }
  }

  private static String insert(String actor) {
    return "insert into audit_event (actor, operation, outcome) values ('"
        + actor
        + "', 'Test', 'OK')";
  }

  private static String outcome(Statement s, String actor) throws SQLException {
    try (var rs = s.executeQuery("select outcome from audit_event where actor = '" + actor + "'")) {
      assertThat(rs.next()).isTrue();
      String outcome = rs.getString(1);
      assertThat(rs.next()).isFalse();
      return outcome;
    }
  }
}
