package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.CopenhagenDates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Synthetic citizens, an occupation and bulk lines for the bulk tests. */
final class BulkTestData {

  // born 1970-1979 (7th digit 0-3: the 1900s), day 01-28: always valid, never a real person's
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final JdbcClient jdbc;
  private final JsonMapper json;
  final String conceptUri = "http://data.europa.eu/esco/occupation/bulk-test-" + UUID.randomUUID();

  BulkTestData(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    jdbc.sql(
            "insert into occupation (concept_uri, label, status) values (:u, 'Bulk test', 'Aktiv')")
        .param("u", conceptUri)
        .update();
  }

  static String newCpr() {
    int n = SEQUENCE.getAndIncrement();
    return "%02d%02d%02d%04d".formatted(1 + n % 28, 1 + (n / 28) % 12, 70 + n / 4000, n % 4000);
  }

  static String newClientId() {
    return "bulk-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers citizens (with an e-mail, so no 9345 warning), set-based. */
  void persons(List<String> cprs) {
    jdbc.sql(
            """
            insert into person (cpr, email)
            select c, 'citizen@example.dk' from unnest(cast(:c as text[])) as u(c)
            """)
        .param("c", cprs.toArray(String[]::new))
        .update();
  }

  String person() {
    String cpr = newCpr();
    persons(List.of(cpr));
    return cpr;
  }

  List<String> persons(int n) {
    List<String> cprs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cprs.add(newCpr());
    }
    persons(cprs);
    return cprs;
  }

  /** A valid CreateJobagent (DAGPENGE needs a profession) enrolling today. */
  Map<String, Object> createBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ClientCategoryTypeIdentifier", "DAGPENGE");
    body.put("EnrollmentDate", CopenhagenDates.dateOf(Instant.now()).toString());
    body.put("CurrentUnemploymentStatusTypeIdentifier", "FULDT_LEDIG");
    body.put(
        "Profession",
        List.of(
            Map.of(
                "ConceptUriDa",
                conceptUri,
                "HasEducation",
                true,
                "jobTargetIdentifier",
                UUID.randomUUID().toString())));
    return body;
  }

  String line(String requestId, String cpr, Map<String, Object> body) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("requestId", requestId);
    line.put("cpr", cpr);
    line.put("operation", "CREATE");
    line.put("request", body);
    return json.writeValueAsString(line);
  }

  String validLine(String requestId, String cpr) {
    return line(requestId, cpr, createBody());
  }

  static String newRequestId() {
    return UUID.randomUUID().toString();
  }
}
