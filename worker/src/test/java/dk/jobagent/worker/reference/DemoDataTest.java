package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.rules.Absence;
import dk.jobagent.worker.rules.Occupation;
import dk.jobagent.worker.rules.OccupationAlias;
import dk.jobagent.worker.rules.Person;
import dk.jobagent.worker.rules.RuleEngine;
import dk.jobagent.worker.rules.RuleInput;
import dk.jobagent.worker.rules.RuleOutcome;
import dk.jobagent.worker.rules.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The committed demo set loads without a rejection, and each persona in its README.md gives the
 * outcome the README promises (reference data read back from PostgreSQL, judged by the engine).
 */
class DemoDataTest {

  static final String TOEMRER =
      "http://data.europa.eu/esco/occupation/3faa0be4-b604-5be1-9c6d-1cb4da29df1e";
  static final String TELEGRAFIST =
      "http://data.europa.eu/esco/occupation/2aa34f83-9d3f-5321-aa40-c40d221562f0";
  static final String LYGTETAENDER =
      "http://data.europa.eu/esco/occupation/82cf7d3f-0445-574f-94ec-8224aef720d1";
  static final String BYGNINGSTOEMRER = "2e7a7cab-b611-5bb0-a59c-77bbe5d7d8d7";

  private static final JdbcClient jdbc = ReferenceDb.jdbc();
  private static final Map<String, LoadReport> reports = new HashMap<>();

  static Path demoDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("demo-data/reference"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("demo-data/reference above the working directory").isNotNull();
    return dir.resolve("demo-data/reference");
  }

  @BeforeAll
  static void loadDemoSet() throws IOException {
    ReferenceLoader loader = ReferenceDb.loader(5000);
    for (String kind : List.of("persons", "absences", "occupations", "aliases")) {
      try (InputStream in = Files.newInputStream(demoDir().resolve(kind + ".csv"))) {
        reports.put(kind, loader.load(kind, in));
      }
    }
  }

  @Test
  void everyDemoRowLoads() throws IOException {
    for (Map.Entry<String, LoadReport> e : reports.entrySet()) {
      long lines;
      try (var stream = Files.lines(demoDir().resolve(e.getKey() + ".csv"))) {
        lines = stream.count();
      }
      assertThat(e.getValue().rejections()).as(e.getKey()).isEmpty();
      assertThat(e.getValue().read()).as(e.getKey()).isEqualTo(lines - 1);
      assertThat(e.getValue().upserted()).as(e.getKey()).isEqualTo(lines - 1);
    }
    assertThat(reports.get("occupations").read()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void everyDemoCprHasA9xxxSerialAndTheUnknownPersonaIsAbsent() throws IOException {
    try (var lines = Files.lines(demoDir().resolve("persons.csv"))) {
      assertThat(lines.skip(1).map(l -> l.substring(0, 10)))
          .hasSizeGreaterThan(300)
          .allSatisfy(cpr -> assertThat(cpr).matches("\\d{6}9\\d{3}"))
          .doesNotContain("0707709007");
    }
  }

  @ParameterizedTest(name = "{0} {1} on {2} -> errors [{3}]")
  @CsvSource(
      delimiter = ';',
      value = {
        "0101909001; DAGPENGE; 2026-11-27; ",
        "0000000000; DAGPENGE; 2026-11-27; 1010",
        "0707709007; DAGPENGE; 2026-11-27; 1010",
        "0808709008; DAGPENGE; 2026-11-27; 4405",
        "0909709009; DAGPENGE; 2026-11-27; 4720",
        "1010709010; DAGPENGE; 2026-11-27; 4725",
        "1212709012; DAGPENGE; 2026-11-27; ",
        "1301149013; UDEN_YDELSE; 2026-11-27; 6033",
        "1301149013; UDEN_YDELSE; 2028-12-31; 6033",
        "1401119014; UDEN_YDELSE; 2026-11-27; ",
        "1401119014; DAGPENGE; 2028-12-31; 6033",
        "1506099015; DAGPENGE; 2026-11-27; 6033",
        "1506099015; DAGPENGE; 2027-06-15; ",
        "2001089016; UDDANNELSESHJAELP; 2026-11-27; ",
        "2001089016; KONTANTHJAELP; 2027-12-31; 6033",
        "1003979017; KONTANTHJAELP; 2026-11-27; 6033",
        "1003979017; UDDANNELSESHJAELP; 2026-11-27; ",
        "1003979017; KONTANTHJAELP; 2027-03-10; ",
        "1003979017; UDDANNELSESHJAELP; 2027-03-10; 6033",
        "0109969018; KONTANTHJAELP; 2026-11-27; ",
        "0109969018; UDDANNELSESHJAELP; 2026-11-27; 6033",
        "3006629019; DAGPENGE; 2027-06-29; ",
        "3006629019; DAGPENGE; 2027-06-30; 4763 6033",
        "1509619020; DAGPENGE; 2026-11-27; 4763 6033",
        "1509619020; UDEN_YDELSE; 2026-11-27; ",
        "0303609021; DAGPENGE; 2027-12-31; 4763 6033",
        "0303609021; UDEN_YDELSE; 2027-12-31; ",
        "2902089022; DAGPENGE; 2026-11-27; ",
        "3101129023; UDEN_YDELSE; 2027-01-30; 6033",
        "3101129023; UDEN_YDELSE; 2027-01-31; ",
        "1601859024; DAGPENGE; 2026-11-27; 4750",
        "1601859024; UDEN_YDELSE; 2027-12-31; 4750",
        "1701859025; DAGPENGE; 2026-11-27; 4645",
        "1701859025; KONTANTHJAELP; 2027-12-31; 4645",
        "1701859025; UDEN_YDELSE; 2026-11-27; ",
        "1801859026; DAGPENGE; 2026-12-01; ",
        "1901859027; DAGPENGE; 2026-11-27; ",
        "2001859028; DAGPENGE; 2027-01-10; 4645",
        "2001859028; DAGPENGE; 2027-02-01; "
      })
  void personasGiveTheReadmesOutcome(String cpr, String category, LocalDate date, String codes) {
    RuleOutcome outcome = judge(cpr, category, date, List.of(profession(TOEMRER, null)));
    assertThat(codes(outcome.errors())).isEqualTo(codes == null ? "" : codes);
  }

  @Test
  void noEmailOnFileIsAWarning() {
    RuleOutcome outcome =
        judge(
            "1212709012",
            "DAGPENGE",
            LocalDate.of(2026, 11, 27),
            List.of(profession(TOEMRER, null)));
    assertThat(codes(outcome.warnings())).isEqualTo("9345");
  }

  @ParameterizedTest(name = "{0} alias {1} -> [{2}]")
  @CsvSource(
      delimiter = ';',
      value = {
        TOEMRER + "; ; ",
        TOEMRER + "; " + BYGNINGSTOEMRER + "; ",
        TELEGRAFIST + "; ; 4318",
        LYGTETAENDER + "; ; 4318",
        "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000000; ; 4318",
        TELEGRAFIST + "; " + BYGNINGSTOEMRER + "; 4318 8281",
        TOEMRER + "; 00000000-0000-4000-8000-000000000000; 8281"
      })
  void occupationsAndAliasesGiveTheReadmesOutcome(String uri, String alias, String codes) {
    RuleOutcome outcome =
        judge(
            "0101909001", "DAGPENGE", LocalDate.of(2026, 11, 27), List.of(profession(uri, alias)));
    assertThat(codes(outcome.errors())).isEqualTo(codes == null ? "" : codes);
  }

  private static ProfessionType profession(String uri, String alias) {
    return new ProfessionType(uri, alias, true, 2020, 12, UUID.randomUUID().toString());
  }

  private static String codes(List<Violation> violations) {
    return String.join(" ", violations.stream().map(v -> String.valueOf(v.code().code())).toList());
  }

  /** A CreateJobagent received at noon on {@code date}, enrolling that day. */
  private static RuleOutcome judge(
      String cpr, String category, LocalDate date, List<ProfessionType> professions) {
    String status = "UDEN_YDELSE".equals(category) ? "IKKE_LEDIG" : "FULDT_LEDIG";
    JobagentRequest request =
        new JobagentRequest(
            category, date.toString(), status, null, null, professions, null, null, null, null);
    Person person =
        jdbc.sql(
                "select cpr, death_date, abroad, temporary_foreign_address, has_jobnet_cv, email,"
                    + " jobcenter_code from person where cpr = ?")
            .param(cpr)
            .query(
                (rs, n) ->
                    new Person(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getBoolean(3),
                        rs.getBoolean(4),
                        rs.getBoolean(5),
                        rs.getString(6),
                        rs.getString(7)))
            .optional()
            .orElse(null);
    List<Absence> absences =
        jdbc.sql("select absence_type, from_date, to_date from absence where cpr = ?")
            .param(cpr)
            .query(
                (rs, n) ->
                    new Absence(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)))
            .list();
    String[] uris = professions.stream().map(ProfessionType::conceptUriDa).toArray(String[]::new);
    Map<String, Occupation> occupations = new HashMap<>();
    jdbc.sql("select concept_uri, status from occupation where concept_uri = any(?::text[])")
        .param(uris)
        .query((rs, n) -> new Occupation(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(o -> occupations.put(o.conceptUri(), o));
    List<UUID> aliasIds = new ArrayList<>();
    professions.stream()
        .filter(p -> p.aliasIdentifier() != null)
        .forEach(p -> aliasIds.add(UUID.fromString(p.aliasIdentifier())));
    Map<UUID, OccupationAlias> aliases = new HashMap<>();
    for (UUID id : aliasIds) {
      jdbc.sql("select alias_id, concept_uri from occupation_alias where alias_id = ?")
          .param(id)
          .query((rs, n) -> new OccupationAlias(rs.getObject(1, UUID.class), rs.getString(2)))
          .optional()
          .ifPresent(a -> aliases.put(a.aliasId(), a));
    }
    RuleInput input =
        new RuleInput(
            Operation.CREATE,
            date.atTime(12, 0).atZone(CopenhagenDates.ZONE).toInstant(),
            cpr,
            request,
            person,
            absences,
            List.of(),
            occupations,
            aliases,
            Set.of(),
            new CodeListRepository(jdbc, ReferenceProperties.defaults()).current(),
            null);
    return RuleEngine.standard().evaluate(input);
  }
}
