package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after every other test class ({@link ClassOrderer.OrderAnnotation}, see
 * junit-platform.properties) and scans everything the suite logged for the CPRs it used.
 */
@Order(Integer.MAX_VALUE)
class LogMaskingTest extends IngestTestBase {

  private static final Logger log = LoggerFactory.getLogger(LogMaskingTest.class);

  @Test
  void noFullTestCprInTheSuitesLogs() throws Exception {
    // A careless log line and an exception that echoes input: both must come out masked.
    String cpr = TestCprs.next();
    log.warn("careless log line with cpr {}", cpr);
    log.error("failure", new IllegalArgumentException("bad input " + cpr));
    create(writer(uniqueClient()), cpr, uniqueRequestId(), "{\"broken\":");

    Path file = Path.of("target/test-logs/ingest-api.log");
    assertThat(file).exists();
    String logs = Files.readString(file);
    assertThat(logs).contains(cpr.substring(0, 6) + "****");
    assertThat(TestCprs.issued()).hasSizeGreaterThan(10);
    for (String issued : TestCprs.issued()) {
      assertThat(logs)
          .as("full CPR %s**** in the logs", issued.substring(0, 6))
          .doesNotContain(issued);
    }
  }
}
