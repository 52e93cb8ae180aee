package dk.jobagent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServicesTest {

  @Test
  void givesThisRunItsOwnDatabase() throws Exception {
    TestServices services = TestServices.get();
    assertThat(services.jdbcUrl()).contains("/jobagent_t_");
    try (Connection c = services.openConnection();
        ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
      rs.next();
      assertThat(services.jdbcUrl()).endsWith(rs.getString(1));
    }
    assertThat(services.vhost()).startsWith("jobagent-t-");
  }

  @Test
  void replacesTheDatabaseInAJdbcUrl() {
    assertThat(TestServices.withDatabase("jdbc:postgresql://h:5433/postgres?ssl=false", "x"))
        .isEqualTo("jdbc:postgresql://h:5433/x?ssl=false");
    assertThat(TestServices.withDatabase("jdbc:postgresql://h/jobagent", "y"))
        .isEqualTo("jdbc:postgresql://h/y");
    assertThatThrownBy(() -> TestServices.withDatabase("jdbc:mysql://h/db", "z"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
