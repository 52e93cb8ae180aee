package dk.jobagent.ingest.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.TestCprs;
import dk.jobagent.schemas.audit.CprHash;
import dk.jobagent.schemas.messages.Operation;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A batch that fails leaves neither its requests nor their audit records. */
class AuditRollbackTest extends IngestTestBase {

  private static final CprHash HASH = new CprHash(CprHash.DEV_SECRET);

  @Autowired RequestBatchWriter writer;

  @Test
  void failedBatchLeavesNoAuditRecord() {
    String client = uniqueClient();
    String good = TestCprs.next();
    String bad = TestCprs.next();
    // The second row's body is not JSON: PostgreSQL refuses the batch after the first row's
    // insert, so everything written so far must roll back.
    List<PendingRequest> batch =
        List.of(pending(client, "a", good, "{}"), pending(client, "b", bad, "{not json"));

    assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(SQLException.class);

    assertThat(count("select count(*) from request where client_id = ?", client)).isZero();
    assertThat(count("select count(*) from audit_event where actor = ?", client)).isZero();
  }

  @Test
  void committedBatchLeavesOneRecordPerAcceptedRequest() throws SQLException {
    String client = uniqueClient();
    writer.write(
        List.of(
            pending(client, "a", TestCprs.next(), "{}"),
            pending(client, "b", TestCprs.next(), "{}")));
    assertThat(count("select count(*) from audit_event where actor = ?", client)).isEqualTo(2);
  }

  private long count(String sql, String client) {
    return jdbc.sql(sql).param(client).query(Long.class).single();
  }

  private static PendingRequest pending(String client, String id, String cpr, String body) {
    return new PendingRequest(
        client,
        id,
        Operation.CREATE,
        cpr,
        "STAR",
        "00",
        body,
        Instant.now(),
        "tp",
        "{}",
        "{}",
        HASH.hmacHex(cpr));
  }
}
