package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 4763 and 6033: age on the enrolment date (2026-11-27 unless stated) from the CPR. */
class AgeRulesTest {

  @ParameterizedTest(name = "born {0} ({1}), {2} -> 4763 {3}")
  @CsvSource({
    "2811613123, 64 the day before the 65th birthday, DAGPENGE, false",
    "2711613123, 65th birthday, DAGPENGE, true",
    "2711613123, 65th birthday, UDEN_YDELSE, false",
    "0101503123, 76, KONTANTHJAELP, true",
    "0101503123, 76, UDEN_YDELSE, false",
    "0101909123, 36, DAGPENGE, false"
  })
  void sixtyFiveOrOlderOnlyUdenYdelse(String cpr, String what, String category, boolean violated) {
    Fixture f = Fixture.create().cpr(cpr);
    f.category = category;
    assertThat(violates(new RetirementAgeRule(), f.build())).as(what).isEqualTo(violated);
  }

  @ParameterizedTest(name = "born {0} ({1}), {2} -> 6033 {3}")
  @CsvSource({
    // DAGPENGE 18–64
    "2811084123, 17 (18 tomorrow), DAGPENGE, true",
    "2711084123, 18 today, DAGPENGE, false",
    "2811613123, 64, DAGPENGE, false",
    "2711613123, 65 today, DAGPENGE, true",
    // KONTANTHJAELP 30–64
    "2811963123, 29, KONTANTHJAELP, true",
    "2711963123, 30 today, KONTANTHJAELP, false",
    // UDDANNELSESHJAELP 18–29
    "2711963123, 30 today, UDDANNELSESHJAELP, true",
    "2811963123, 29, UDDANNELSESHJAELP, false",
    "2711084123, 18 today, UDDANNELSESHJAELP, false",
    // UDEN_YDELSE 15+
    "2811114123, 14, UDEN_YDELSE, true",
    "2711114123, 15 today, UDEN_YDELSE, false",
    "0101403123, 86, UDEN_YDELSE, false"
  })
  void ageBand(String cpr, String what, String category, boolean violated) {
    Fixture f = Fixture.create().cpr(cpr);
    f.category = category;
    assertThat(violates(new AgeBandRule(), f.build())).as(what).isEqualTo(violated);
  }

  @ParameterizedTest(name = "born 2008-02-29, enrolled {0} -> 6033 {1}")
  @CsvSource({"2026-02-28, true", "2026-03-01, false"})
  void leapDayBirthdayTurnsEighteenOnFirstOfMarch(String enrolmentDate, boolean violated) {
    Fixture f = Fixture.create().cpr("2902084123");
    f.enrollmentDate = enrolmentDate;
    assertThat(violates(new AgeBandRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "cpr {0} -> age rules not evaluated")
  @CsvSource({"0000000000", "2902014123"})
  void notEvaluatedWithoutABirthDate(String cpr) {
    Fixture f = Fixture.create().cpr(cpr);
    assertThat(new AgeBandRule().evaluable(f.build())).isFalse();
    assertThat(new RetirementAgeRule().evaluable(f.build())).isFalse();
  }

  @ParameterizedTest(name = "the enrolment date counts, not today: {0} -> 6033 {1}")
  @CsvSource({"2026-11-27, false", "2026-11-26, true"})
  void ageOnTheEnrolmentDate(String enrolmentDate, boolean violated) {
    // 18 on 2026-11-27, 17 the day before
    Fixture f = Fixture.create().cpr("2711084123");
    f.enrollmentDate = enrolmentDate;
    assertThat(violates(new AgeBandRule(), f.build())).isEqualTo(violated);
  }
}
