package dk.jobagent.ingest.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.ingest.IngestTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionTest extends IngestTestBase {

  @Autowired RequestRetentionJob job;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  @Test
  void purgesOnlyKeysOlderThanTheRetentionAndFreesTheId() {
    String client = uniqueClient();
    insert(client, "old", Instant.now().minus(31, ChronoUnit.DAYS));
    insert(client, "recent", Instant.now().minus(29, ChronoUnit.DAYS));

    double before = purgedCounter();

    assertThat(job.purge(Instant.now())).isGreaterThanOrEqualTo(1);

    assertThat(ids(client)).containsExactly("recent");
    assertThat(purgedCounter()).isGreaterThanOrEqualTo(before + 1);
    assertThat(
            registry.get("jobagent.retention.last.success").tag("data", "requests").gauge().value())
        .isGreaterThan(0);
  }

  private double purgedCounter() {
    return registry.get("jobagent.retention.purged").tag("data", "requests").counter().count();
  }

  private void insert(String client, String id, Instant receivedAt) {
    jdbc.sql(
            "insert into request (client_id, request_id, operation, cpr, access_category,"
                + " body_hash, received_at) values (?, ?, 'DELETE', '0101900000', 'STAR',"
                + " '\\x00', ?)")
        .params(client, id, java.sql.Timestamp.from(receivedAt))
        .update();
  }

  private java.util.List<String> ids(String client) {
    return jdbc.sql("select request_id from request where client_id = ?")
        .param(client)
        .query(String.class)
        .list();
  }
}
