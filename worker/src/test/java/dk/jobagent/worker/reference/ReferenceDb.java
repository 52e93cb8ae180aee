package dk.jobagent.worker.reference;

import dk.jobagent.testing.TestServices;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * This JVM's test database (see {@link TestServices}) with the product's migrations applied, for
 * plain tests that need PostgreSQL but no Spring context.
 */
final class ReferenceDb {

  private static volatile DataSource dataSource;

  private ReferenceDb() {}

  static synchronized DataSource dataSource() {
    if (dataSource == null) {
      TestServices services = TestServices.get();
      DriverManagerDataSource ds =
          new DriverManagerDataSource(services.jdbcUrl(), services.dbUser(), services.dbPassword());
      // Flyway locks and records what ran, so a Spring context migrating the same database later
      // (or earlier) is harmless
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      dataSource = ds;
    }
    return dataSource;
  }

  static JdbcClient jdbc() {
    return JdbcClient.create(dataSource());
  }

  static ReferenceLoader loader(int chunkRows) {
    ReferenceProperties props = new ReferenceProperties(null, chunkRows, null);
    return new ReferenceLoader(jdbc(), new CodeListRepository(jdbc(), props), props);
  }
}
