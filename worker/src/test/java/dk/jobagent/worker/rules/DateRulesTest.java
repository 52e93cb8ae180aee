package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 4338, 4316, 4750, 4645: the enrolment date against today, enrolments and absences. */
class DateRulesTest {

  @ParameterizedTest(name = "EnrollmentDate {0} (today 2026-11-27) -> 4338 {1}")
  @CsvSource({
    "2026-11-27, false",
    "2026-11-17, false", // today - 10
    "2026-11-16, true", // today - 11
    "2026-11-28, true", // tomorrow
    "2026-11-27T00:30:00+01:00, false",
    "2026-11-27T23:30:00Z, true", // 28 November in Copenhagen
    "2026-11-16T23:30:00Z, false" // 17 November in Copenhagen
  })
  void enrolmentDateWindow(String enrolmentDate, boolean violated) {
    Fixture f = Fixture.create();
    f.enrollmentDate = enrolmentDate;
    assertThat(violates(new EnrolmentDateWindowRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "received {0} -> today {1}")
  @CsvSource({
    "2026-11-27T22:59:59Z, 2026-11-27",
    "2026-11-27T23:00:00Z, 2026-11-28",
    "2026-07-01T21:59:59Z, 2026-07-01",
    "2026-07-01T22:00:00Z, 2026-07-02"
  })
  void todayIsTheCopenhagenDateOfReceivedAt(Instant receivedAt, LocalDate today) {
    Fixture f = Fixture.create();
    f.receivedAt = receivedAt;
    f.enrollmentDate = today.toString();
    assertThat(f.build().today()).isEqualTo(today);
    assertThat(violates(new EnrolmentDateWindowRule(), f.build())).isFalse();
    f.enrollmentDate = today.plusDays(1).toString();
    assertThat(violates(new EnrolmentDateWindowRule(), f.build())).isTrue();
  }

  @ParameterizedTest(name = "existing {0}..{1}, new {2} -> 4316 {3}")
  @CsvSource({
    "2026-01-01, , 2026-11-27, true", // open enrolment
    "2026-01-01, 2026-06-30, 2026-11-27, false", // after an ended one
    "2026-01-01, 2026-11-27, 2026-11-27, false", // re-enrolment on the deregistration day
    "2026-01-01, 2026-11-27, 2026-11-26, true", // within
    "2026-11-27, 2026-11-30, 2026-11-25, true", // before an (odd, future) period
    "2020-01-01, 2020-12-31, 2026-11-27, false"
  })
  void enrolmentOverlap(LocalDate start, LocalDate end, String enrolmentDate, boolean violated) {
    Fixture f = Fixture.create();
    f.enrolments.add(new EnrolmentPeriod(1, start, end, Set.of()));
    f.enrollmentDate = enrolmentDate;
    assertThat(violates(new EnrolmentOverlapRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void noEnrolmentsNoOverlap() {
    assertThat(violates(new EnrolmentOverlapRule(), Fixture.create().build())).isFalse();
  }

  @Test
  void anUpdateOfAnOpenEnrolmentKeepsItAndIsNoOverlap() {
    Fixture f = Fixture.create().update();
    f.enrolments.add(new EnrolmentPeriod(1, LocalDate.of(2026, 1, 1), null, Set.of()));
    f.enrollmentDate = "2026-01-01";
    RuleInput in = f.build();
    assertThat(violates(new EnrolmentOverlapRule(), in)).isFalse();
    // the kept enrolment's date is not judged again either
    assertThat(violates(new EnrolmentDateWindowRule(), in)).isFalse();
  }

  @Test
  void anUpdateWithoutAnOpenEnrolmentEnrolsAndIsJudgedLikeACreate() {
    Fixture f = Fixture.create().update();
    f.enrolments.add(
        new EnrolmentPeriod(1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 27), Set.of()));
    f.enrollmentDate = "2026-11-20";
    assertThat(violates(new EnrolmentOverlapRule(), f.build())).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}..{2} -> 4750 {3}")
  @CsvSource({
    "BARSEL, 2026-11-01, , true", // open-ended
    "BARSEL, 2026-11-01, 2026-11-27, true", // ends on the enrolment date
    "BARSEL, 2026-11-27, 2026-12-31, true", // starts on it
    "BARSEL, 2026-11-01, 2026-11-26, false", // ended the day before
    "BARSEL, 2026-11-28, , false", // starts tomorrow
    "SYGDOM, 2026-11-01, , false",
    "FERIE, 2026-11-01, , false",
    "UKENDT, 2026-11-01, , false"
  })
  void absenceBlocksEnrolment(String type, LocalDate from, LocalDate to, boolean violated) {
    Fixture f = Fixture.create();
    f.absences.add(new Absence(type, from, to));
    assertThat(violates(new AbsenceBlocksEnrolmentRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "{0} {1}..{2} with {3} -> 4645 {4}")
  @CsvSource({
    "SYGDOM, 2026-11-01, , DAGPENGE, true",
    "SYGDOM, 2026-11-01, 2026-11-27, KONTANTHJAELP, true",
    "SYGDOM, 2026-11-01, 2026-11-26, DAGPENGE, false",
    "SYGDOM, 2026-11-01, , UDEN_YDELSE, false",
    "SYGDOM, 2026-11-01, , UDDANNELSESHJAELP, false",
    "BARSEL, 2026-11-01, , DAGPENGE, false",
    "FERIE, 2026-11-01, , DAGPENGE, false"
  })
  void absenceConflictsContactGroup(
      String type, LocalDate from, LocalDate to, String category, boolean violated) {
    Fixture f = Fixture.create().cpr("0101909123");
    f.category = category;
    f.absences.add(new Absence(type, from, to));
    assertThat(violates(new AbsenceConflictsContactGroupRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void dateRulesSkipAnUnparseableEnrolmentDate() {
    Fixture f = Fixture.create();
    f.enrollmentDate = "27-11-2026";
    f.absences.add(new Absence("BARSEL", LocalDate.of(2020, 1, 1), null));
    RuleInput in = f.build();
    assertThat(new EnrolmentDateWindowRule().evaluable(in)).isFalse();
    assertThat(new AbsenceBlocksEnrolmentRule().evaluable(in)).isFalse();
    assertThat(new EnrolmentOverlapRule().evaluable(in)).isFalse();
  }

  @Test
  void deleteIsNotJudgedByEnrolmentRules() {
    Fixture f = Fixture.create();
    f.operation = Operation.DELETE;
    assertThat(new EnrolmentDateWindowRule().evaluable(f.build())).isFalse();
  }
}
