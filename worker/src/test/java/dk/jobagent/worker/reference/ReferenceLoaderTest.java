package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Loads against the real PostgreSQL test database; every test uses its own synthetic keys. */
class ReferenceLoaderTest {

  /** Distinct synthetic CPR serials per test (9xxx: never issued to a real person here). */
  private static final AtomicInteger SERIAL = new AtomicInteger(9000);

  private final JdbcClient jdbc = ReferenceDb.jdbc();
  private final ReferenceLoader loader = ReferenceDb.loader(3);

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh synthetic CPR: 17 July 1943 (7th digit 9, 1900s), serial 9xxx. */
  private static String cpr() {
    int s = SERIAL.incrementAndGet();
    return "170743" + String.format("%04d", s).replaceFirst("^\\d", "9");
  }

  @Test
  void badPersonRowsAreRejectedWithLineNumbersAndGoodOnesKept() {
    String a = cpr();
    String b = cpr();
    String c = cpr();
    String file =
        String.join(
                "\n",
                "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code",
                a + ",,false,false,true,a@example.org,101",
                "3213719123,,false,false,true,,101", // month 13
                b + ",2026-02-30,false,false,true,,101", // no such date
                b + ",2026-01-15,false,false,true,,101",
                c + ",,ja,false,true,,101", // not a boolean
                c + ",,false,false,true", // 5 columns
                c + ",,1,0,,x@y.dk,",
                "0000000000,,false,false,true,,101",
                a + ",,false,false,true,not-an-email,101")
            + "\n";
    LoadReport report = loader.load("persons", csv(file));

    assertThat(report.kind()).isEqualTo("persons");
    assertThat(report.read()).isEqualTo(9);
    assertThat(report.upserted()).isEqualTo(3);
    assertThat(report.rejected()).isEqualTo(6);
    assertThat(report.rejections())
        .extracting(LoadReport.Rejection::line)
        .containsExactly(3L, 4L, 6L, 7L, 9L, 10L);
    assertThat(report.rejections().get(0).reason()).contains("cpr");
    assertThat(report.rejections().get(1).reason()).contains("death_date");
    assertThat(report.rejections().get(2).reason()).contains("abroad");
    assertThat(report.rejections().get(3).reason()).contains("expected 7 columns, found 5");
    assertThat(report.rejections().get(5).reason()).contains("email");
    assertThat(report.rejections())
        .allSatisfy(r -> assertThat(r.reason()).doesNotContain(a, b, c, "3213719123"));

    Map<String, Object> rowB =
        jdbc.sql("select * from person where cpr = ?").param(b).query().singleRow();
    assertThat(rowB.get("death_date")).hasToString("2026-01-15");
    Map<String, Object> rowC =
        jdbc.sql("select * from person where cpr = ?").param(c).query().singleRow();
    assertThat(rowC)
        .containsEntry("abroad", true)
        .containsEntry("temporary_foreign_address", false)
        .containsEntry("has_jobnet_cv", false)
        .containsEntry("email", "x@y.dk")
        .containsEntry("jobcenter_code", null);
    assertThat(count("select count(*) from person where cpr in (?, ?, ?)", a, b, c)).isEqualTo(3);
  }

  @Test
  void reloadingTheSameFileChangesNothing() {
    String a = cpr();
    String b = cpr();
    String file =
        "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n"
            + a
            + ",,false,false,true,a@example.org,101\n"
            + b
            + ",2025-12-31,true,true,false,,202\n";
    LoadReport first = loader.load("persons", csv(file));
    List<Map<String, Object>> before = rows(a, b);
    LoadReport second = loader.load("persons", csv(file));

    assertThat(first.changed()).isEqualTo(2);
    assertThat(second.upserted()).isEqualTo(2);
    assertThat(second.changed()).isZero();
    assertThat(rows(a, b)).isEqualTo(before);

    // a changed row is updated in place
    LoadReport third =
        loader.load(
            "persons",
            csv(
                file.replace(
                    a + ",,false,false,true,a@example.org,101",
                    a + ",,false,false,true,new@example.org,101")));
    assertThat(third.changed()).isEqualTo(1);
    assertThat(
            jdbc.sql("select email from person where cpr = ?")
                .param(a)
                .query(String.class)
                .single())
        .isEqualTo("new@example.org");
  }

  @Test
  void aKeyRepeatedInOneFileTakesTheLastRow() {
    String a = cpr();
    String header =
        "cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n";
    // chunk size 3: the repeats fall in the same chunk and in a later one
    String file =
        header
            + a
            + ",,false,false,true,1@example.org,101\n"
            + a
            + ",,false,false,true,2@example.org,101\n"
            + cpr()
            + ",,false,false,true,,101\n"
            + cpr()
            + ",,false,false,true,,101\n"
            + a
            + ",,false,false,true,3@example.org,101\n";
    LoadReport report = loader.load("persons", csv(file));
    assertThat(report.rejected()).isZero();
    assertThat(
            jdbc.sql("select email from person where cpr = ?")
                .param(a)
                .query(String.class)
                .single())
        .isEqualTo("3@example.org");
  }

  @Test
  void aWrongHeaderRefusesTheWholeFile() {
    String a = cpr();
    String file =
        "cpr,death,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n"
            + a
            + ",,false,false,true,,101\n";
    assertThatThrownBy(() -> loader.load("persons", csv(file)))
        .isInstanceOf(ReferenceFileException.class)
        .hasMessageContaining(
            "expected 'cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code'")
        .hasMessageContaining("got 'cpr,death,");
    assertThat(count("select count(*) from person where cpr = ?", a)).isZero();
    assertThatThrownBy(() -> loader.load("persons", csv("")))
        .isInstanceOf(ReferenceFileException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> loader.load("people", csv("cpr\n")))
        .isInstanceOf(ReferenceFileException.class)
        .matches(e -> ((ReferenceFileException) e).unknownKind());
  }

  @Test
  void absencesCheckTheTypeAgainstTheCodeListAndTheDates() {
    String a = cpr();
    String file =
        String.join(
                "\n",
                "cpr,absence_type,from_date,to_date",
                a + ",BARSEL,2026-01-01,",
                a + ",SYGDOM,2026-02-01,2026-02-14",
                a + ",FERIE,2026-07-01,2026-07-21",
                a + ",ORLOV,2026-03-01,", // unknown type
                a + ",SYGDOM,2026-05-10,2026-05-01", // ends before it starts
                a + ",SYGDOM,01-05-2026,") // bad date
            + "\n";
    LoadReport report = loader.load("absences", csv(file));
    assertThat(report.upserted()).isEqualTo(3);
    assertThat(report.rejections())
        .extracting(LoadReport.Rejection::line)
        .containsExactly(5L, 6L, 7L);
    assertThat(report.rejections().get(0).reason()).contains("ORLOV").contains("BARSEL");
    assertThat(count("select count(*) from absence where cpr = ?", a)).isEqualTo(3);
    assertThat(
            jdbc.sql("select to_date from absence where cpr = ? and absence_type = 'BARSEL'")
                .param(a)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getDate(1)))
                .single())
        .isEmpty();
    assertThat(loader.load("absences", csv(file)).changed()).isZero();
  }

  @Test
  void occupationsAndAliases() {
    String base = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    String occupations =
        "concept_uri,label,status\n"
            + base
            + "-1,\"Smed, klejnsmed\",Aktiv\n"
            + base
            + "-2,Gammel titel,Inaktiv\n"
            + base
            + "-3,Fravalgt titel,Fravalgt\n"
            + base
            + "-4,Ukendt status,aktiv\n"
            + "urn:x,Ikke en URI,Aktiv\n"
            + base
            + "-5,,Aktiv\n";
    LoadReport o = loader.load("occupations", csv(occupations));
    assertThat(o.upserted()).isEqualTo(3);
    assertThat(o.rejections()).extracting(LoadReport.Rejection::line).containsExactly(5L, 6L, 7L);
    assertThat(
            jdbc.sql("select label from occupation where concept_uri = ?")
                .param(base + "-1")
                .query(String.class)
                .single())
        .isEqualTo("Smed, klejnsmed");

    UUID alias = UUID.randomUUID();
    String aliases =
        "alias_id,concept_uri,label\n"
            + alias
            + ","
            + base
            + "-1,Klejnsmed\n"
            + "not-a-uuid,"
            + base
            + "-1,Smedesvend\n"
            + UUID.randomUUID()
            + ","
            + base
            + "-1\n";
    LoadReport a = loader.load("aliases", csv(aliases));
    assertThat(a.upserted()).isEqualTo(1);
    assertThat(a.rejections()).extracting(LoadReport.Rejection::line).containsExactly(3L, 4L);
    assertThat(a.rejections().get(0).reason()).contains("alias_id");
    assertThat(
            jdbc.sql("select concept_uri from occupation_alias where alias_id = ?")
                .param(alias)
                .query(String.class)
                .single())
        .isEqualTo(base + "-1");
  }

  @Test
  void onlyTheFirstRejectionsAreListedButAllAreCounted() {
    ReferenceProperties props = new ReferenceProperties(null, 100, 2);
    ReferenceLoader small = new ReferenceLoader(jdbc, new CodeListRepository(jdbc, props), props);
    String file = "concept_uri,label,status\nx,a,Aktiv\ny,b,Aktiv\nz,c,Aktiv\n";
    LoadReport report = small.load("occupations", csv(file));
    assertThat(report.rejected()).isEqualTo(3);
    assertThat(report.rejections()).hasSize(2);
  }

  @Test
  void anUnterminatedQuoteStopsTheLoadButKeepsTheRowsBefore() {
    String base = "http://data.europa.eu/esco/occupation/" + UUID.randomUUID();
    String file =
        "concept_uri,label,status\n" + base + "-1,Ok,Aktiv\n" + base + "-2,\"Åben,Aktiv\n";
    LoadReport report = loader.load("occupations", csv(file));
    assertThat(report.upserted()).isEqualTo(1);
    assertThat(report.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.line()).isEqualTo(3);
              assertThat(r.reason()).contains("unterminated");
            });
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private List<Map<String, Object>> rows(String... cprs) {
    return jdbc.sql("select * from person where cpr = any(?::text[]) order by cpr")
        .param(cprs)
        .query()
        .listOfRows();
  }
}
