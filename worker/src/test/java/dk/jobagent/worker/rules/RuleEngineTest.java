package dk.jobagent.worker.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.Operation;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine as a whole: precedence, every evaluable violation, warnings apart, deletes. */
class RuleEngineTest {

  private final RuleEngine engine = RuleEngine.standard();

  private static List<Integer> codes(List<Violation> violations) {
    return violations.stream().map(v -> v.code().code()).toList();
  }

  @Test
  void anOrdinaryCreateIsAccepted() {
    RuleOutcome outcome = engine.evaluate(Fixture.create().build());
    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.warnings()).isEmpty();
  }

  @Test
  void everyEvaluableViolationIsListedPrimaryFirst() {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, null, true, true, true, null, "101");
    f.status = "IKKE_LEDIG";
    f.enrollmentDate = "2026-11-01";
    f.professions = List.of(Fixture.profession(Fixture.INACTIVE_URI, null, 2030, -3));
    RuleOutcome outcome = engine.evaluate(f.build());
    assertThat(outcome.accepted()).isFalse();
    assertThat(codes(outcome.errors())).containsExactly(4720, 4725, 6014, 4338, 4318, 4698, 4710);
    assertThat(codes(outcome.warnings())).containsExactly(9345);
  }

  @Test
  void aWarningAloneDoesNotReject() {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, null, false, false, true, null, "101");
    RuleOutcome outcome = engine.evaluate(f.build());
    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.warnings())
        .extracting(Violation::code)
        .containsExactly(ErrorCode.MISSING_DATA_WARNING);
  }

  @Test
  void anUnknownPersonStillGetsTheRulesThatNeedNoPerson() {
    Fixture f = Fixture.create();
    f.person = null;
    f.category = "NOPE";
    f.enrollmentDate = "2026-12-24";
    RuleOutcome outcome = engine.evaluate(f.build());
    assertThat(codes(outcome.errors())).containsExactly(1010, 4313, 4338);
    assertThat(outcome.warnings()).isEmpty();
  }

  @Test
  void theUnknownCprIsRejectedEvenWhenARowExistsForIt() {
    Fixture f = Fixture.create().cpr("0000000000");
    RuleOutcome outcome = engine.evaluate(f.build());
    assertThat(codes(outcome.errors())).containsExactly(1010);
  }

  @Test
  void aDeadPersonsCreateIsRejectedWith4405First() {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, LocalDate.of(2026, 11, 1), false, false, true, "a@b.dk", "101");
    assertThat(codes(engine.evaluate(f.build()).errors())).startsWith(4405);
  }

  @Test
  void deleteIsJudgedOnlyByUnknownCprAndOpenEnrolment() {
    Fixture f = Fixture.create();
    f.operation = Operation.DELETE;
    f.person = new Person(f.cpr, LocalDate.of(2020, 1, 1), true, true, false, null, "101");
    assertThat(codes(engine.evaluate(f.build()).errors())).containsExactly(4589);
    f.enrolments.add(new EnrolmentPeriod(7, LocalDate.of(2026, 1, 1), null, Set.of()));
    assertThat(engine.evaluate(f.build()).accepted()).isTrue();
    f.person = null;
    assertThat(codes(engine.evaluate(f.build()).errors())).containsExactly(1010);
  }

  @Test
  void aCreateDuringAnOpenEnrolmentIsAnOverlap() {
    Fixture f = Fixture.create();
    f.enrolments.add(new EnrolmentPeriod(7, LocalDate.of(2026, 1, 1), null, Set.of()));
    assertThat(codes(engine.evaluate(f.build()).errors())).containsExactly(4316);
  }

  @Test
  void anUpdateWithBookingCollectsTheBookingViolations() {
    Fixture f = Fixture.create().update();
    f.person = new Person(f.cpr, null, false, false, false, "a@b.dk", "101");
    f.bookingStartTime = "2026-11-20T09:00:00+01:00";
    f.caseWorker = "RID-X";
    f.booking =
        new BookingFacts(
            new InterviewOption(
                java.util.UUID.randomUUID(),
                "101",
                7,
                false,
                LocalDate.of(2026, 11, 25),
                LocalDate.of(2026, 12, 31),
                Set.of()),
            false,
            null,
            List.of(java.time.Instant.parse("2026-12-10T08:00:00Z")),
            List.of(java.time.Instant.parse("2026-11-01T00:00:00Z")));
    assertThat(codes(engine.evaluate(f.build()).errors()))
        .containsExactly(4786, 4783, 8108, 8109, 4822, 8273, 8288);
  }

  @Test
  void violationDetailsNeverCarryTheCpr() {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, LocalDate.of(2026, 1, 1), true, true, false, null, "101");
    f.category = "KONTANTHJAELP";
    f.status = "DELVIST_LEDIG";
    f.professions = List.of();
    f.absences.add(new Absence("SYGDOM", LocalDate.of(2026, 1, 1), null));
    f.absences.add(new Absence("BARSEL", LocalDate.of(2026, 1, 1), null));
    RuleOutcome outcome = engine.evaluate(f.build());
    assertThat(outcome.errors()).hasSizeGreaterThan(5);
    assertThat(outcome.errors()).allSatisfy(v -> assertThat(v.detail()).doesNotContain(f.cpr));
  }
}
