package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 4313, 4314, 4641, 6014, 7062: the request against the code lists. */
class CodeListRulesTest {

  @ParameterizedTest(name = "category {0} -> 4313 {1}")
  @CsvSource({
    "DAGPENGE, false",
    "UDEN_YDELSE, false",
    "SYGEDAGPENGE, false",
    "dagpenge, true",
    "FOLKEPENSION, true",
    ", true"
  })
  void categoryInCodeList(String category, boolean violated) {
    Fixture f = Fixture.create();
    f.category = category;
    assertThat(violates(new ClientCategoryKnownRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "status {0} -> 4314 {1}")
  @CsvSource({
    "FULDT_LEDIG, false",
    "DELVIST_LEDIG, false",
    "IKKE_LEDIG, false",
    "LEDIG, true",
    ", true"
  })
  void statusInCodeList(String status, boolean violated) {
    Fixture f = Fixture.create();
    f.status = status;
    assertThat(violates(new UnemploymentStatusKnownRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "category {0} -> 4641 {1}")
  @CsvSource({
    "DAGPENGE, false",
    "KONTANTHJAELP, false",
    "UDDANNELSESHJAELP, false",
    "UDEN_YDELSE, false",
    "SYGEDAGPENGE, true"
  })
  void categoryEnrollable(String category, boolean violated) {
    Fixture f = Fixture.create();
    f.category = category;
    f.status = "FULDT_LEDIG";
    assertThat(violates(new CategoryEnrollableRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "{0} + {1} -> 6014 {2}")
  @CsvSource({
    "DAGPENGE, FULDT_LEDIG, false",
    "DAGPENGE, DELVIST_LEDIG, false",
    "DAGPENGE, IKKE_LEDIG, true",
    "KONTANTHJAELP, FULDT_LEDIG, false",
    "KONTANTHJAELP, DELVIST_LEDIG, true",
    "UDDANNELSESHJAELP, FULDT_LEDIG, false",
    "UDDANNELSESHJAELP, IKKE_LEDIG, true",
    "UDEN_YDELSE, FULDT_LEDIG, false",
    "UDEN_YDELSE, DELVIST_LEDIG, false",
    "UDEN_YDELSE, IKKE_LEDIG, false",
    // not evaluated: the category cannot be enrolled (4641) or the status is unknown (4314)
    "SYGEDAGPENGE, FULDT_LEDIG, false",
    "DAGPENGE, LEDIG, false"
  })
  void categoryStatusCombination(String category, String status, boolean violated) {
    Fixture f = Fixture.create();
    f.category = category;
    f.status = status;
    assertThat(violates(new CategoryStatusCombinationRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "{0} with {1} professions -> 7062 {2}")
  @CsvSource({
    "DAGPENGE, 0, true",
    "DAGPENGE, 1, false",
    "KONTANTHJAELP, 0, true",
    "UDDANNELSESHJAELP, 0, false",
    "UDEN_YDELSE, 0, false"
  })
  void professionRequired(String category, int count, boolean violated) {
    Fixture f = Fixture.create().cpr("0101909123");
    f.category = category;
    f.professions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      f.professions.add(Fixture.profession(Fixture.ACTIVE_URI, null, 2020, 1));
    }
    assertThat(violates(new ProfessionRequiredRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "null Profession with {0} -> 7062 {1}")
  @CsvSource({"DAGPENGE, true", "UDEN_YDELSE, false"})
  void professionMissingAltogether(String category, boolean violated) {
    Fixture f = Fixture.create();
    f.category = category;
    f.professions = null;
    assertThat(violates(new ProfessionRequiredRule(), f.build())).isEqualTo(violated);
  }
}
