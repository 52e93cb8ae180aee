package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.worker.rules.ClientCategory;
import dk.jobagent.worker.rules.CodeLists;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code lists as V1__core.sql seeds them (SPEC §4 defaults), read from PostgreSQL. */
class CodeListRepositoryTest {

  @Test
  void readsTheSeededDefaults() {
    CodeLists lists =
        new CodeListRepository(ReferenceDb.jdbc(), ReferenceProperties.defaults()).current();
    assertThat(lists.categories())
        .containsEntry("DAGPENGE", new ClientCategory("DAGPENGE", true, true, 18, 64, "DAGPENGE"))
        .containsEntry(
            "UDEN_YDELSE", new ClientCategory("UDEN_YDELSE", true, false, 15, null, "UDEN_YDELSE"))
        .containsKeys("KONTANTHJAELP", "UDDANNELSESHJAELP", "SYGEDAGPENGE");
    assertThat(lists.categories().get("SYGEDAGPENGE").enrollable()).isFalse();
    assertThat(lists.unemploymentStatuses()).contains("FULDT_LEDIG", "DELVIST_LEDIG", "IKKE_LEDIG");
    assertThat(lists.allowedStatusesByCategory().get("DAGPENGE"))
        .isEqualTo(Set.of("FULDT_LEDIG", "DELVIST_LEDIG"));
    assertThat(lists.absenceTypeBlocksEnrolment())
        .containsEntry("BARSEL", true)
        .containsEntry("SYGDOM", false)
        .containsEntry("FERIE", false);
    assertThat(lists.conflictingCategoriesByAbsenceType().get("SYGDOM"))
        .isEqualTo(Set.of("DAGPENGE", "KONTANTHJAELP"));
    assertThat(lists.interviewContactTypes())
        .contains("PERSONLIGT_FREMMOEDE", "TELEFONISK", "DIGITALT", "ANDET");
    assertThat(lists.interviewTypes()).containsEntry(7, "Jobsamtale").containsKeys(9, 10, 15);
  }

  @Test
  void cachedForTheTtlThenReadAgain() {
    MutableClock clock = new MutableClock();
    CodeListRepository repo =
        new CodeListRepository(
            ReferenceDb.jdbc(), new ReferenceProperties(Duration.ofSeconds(60), null, null), clock);
    CodeLists first = repo.current();
    clock.now = clock.now.plusSeconds(59);
    assertThat(repo.current()).isSameAs(first);
    clock.now = clock.now.plusSeconds(2);
    CodeLists second = repo.current();
    assertThat(second).isNotSameAs(first).isEqualTo(first);
    assertThat(repo.reload()).isNotSameAs(second);
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
