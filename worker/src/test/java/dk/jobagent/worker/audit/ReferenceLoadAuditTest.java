package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.reference.ReferenceFileException;
import dk.jobagent.worker.reference.ReferenceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One audit record per reference file, with its counts, naming the operator. */
class ReferenceLoadAuditTest extends WorkerIntegrationTest {

  @Autowired ReferenceLoader loader;
  @Autowired JdbcClient jdbc;

  @Test
  void aLoadLeavesOneRecordWithItsCounts() {
    String operator = "ops-" + UUID.randomUUID();
    String uri = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    loader.load(
        "occupations",
        csv("concept_uri,label,status\n" + uri + ",Tømrer,Aktiv\nbad,Nope,Aktiv\n"),
        operator);

    List<Map<String, Object>> rows = records(operator);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst())
        .containsEntry("operation", AuditLog.REFERENCE_LOAD)
        .containsEntry("outcome", "LOADED")
        .containsEntry("cpr_masked", null);
    assertThat(rows.getFirst().get("detail").toString())
        .contains("\"kind\": \"occupations\"")
        .contains("\"read\": 2")
        .contains("\"upserted\": 1")
        .contains("\"rejected\": 1");
  }

  @Test
  void aRefusedFileIsRecordedAsRefused() {
    String operator = "ops-" + UUID.randomUUID();
    assertThatThrownBy(() -> loader.load("occupations", csv("wrong,header\n"), operator))
        .isInstanceOf(ReferenceFileException.class);

    assertThat(records(operator))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("outcome", "REFUSED"));
  }

  private static ByteArrayInputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private List<Map<String, Object>> records(String operator) {
    return jdbc.sql(
            "select operation, outcome, cpr_masked, detail::text as detail from audit_event"
                + " where actor = ?")
        .param(operator)
        .query()
        .listOfRows();
  }
}
