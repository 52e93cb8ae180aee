package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.TODAY;
import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 4783, 8108, 8109, 9003, 4822, 8273, 8288: the booking part of an UpdateJobagent. */
class BookingRulesTest {

  private static InterviewOption option(
      int type, boolean active, LocalDate from, LocalDate to, Set<String> rids) {
    return new InterviewOption(UUID.randomUUID(), "101", type, active, from, to, rids);
  }

  private static Fixture with(InterviewOption option) {
    Fixture f = Fixture.create().update();
    f.booking = new BookingFacts(option, false, null, List.of(), List.of());
    return f;
  }

  @ParameterizedTest(name = "BookingStartTime {0} (today 2026-11-27) -> 4783 {1}")
  @CsvSource({
    "2026-11-27T08:00:00+01:00, false", // earlier today (before receivedAt) still today
    "2026-11-28T09:00:00+01:00, false",
    "2026-11-26T23:59:00+01:00, true",
    "2026-11-26T23:30:00Z, false" // 27 November 00:30 in Copenhagen
  })
  void bookingNotBeforeToday(String start, boolean violated) {
    Fixture f = Fixture.create().update();
    f.bookingStartTime = start;
    assertThat(violates(new BookingBeforeTodayRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void bookingBeforeTodayNeedsNoBookingFacts() {
    Fixture f = Fixture.create().update();
    f.booking = null;
    f.bookingStartTime = "2026-11-01T09:00:00+01:00";
    assertThat(violates(new BookingBeforeTodayRule(), f.build())).isTrue();
  }

  @ParameterizedTest(name = "option known {0}, active {1} -> 8108 {2}")
  @CsvSource({"true, true, false", "true, false, true", "false, false, true"})
  void interviewOptionActive(boolean known, boolean active, boolean violated) {
    Fixture f = with(known ? option(7, active, null, null, Set.of()) : null);
    assertThat(violates(new InterviewOptionActiveRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "booking {0}, option {1}..{2} -> 8109 {3}")
  @CsvSource({
    "2026-11-30T09:00:00+01:00, 2026-11-30, 2026-12-31, false", // first day
    "2026-12-31T15:00:00+01:00, 2026-11-30, 2026-12-31, false", // last day
    "2026-11-29T09:00:00+01:00, 2026-11-30, 2026-12-31, true",
    "2027-01-01T09:00:00+01:00, 2026-11-30, 2026-12-31, true",
    "2027-01-01T09:00:00+01:00, 2026-11-30, , false", // no upper bound
    "2026-12-31T23:30:00Z, 2026-11-30, 2026-12-31, true" // 1 January in Copenhagen
  })
  void bookingWithinOptionRange(String start, LocalDate from, LocalDate to, boolean violated) {
    Fixture f = with(option(7, true, from, to, Set.of()));
    f.bookingStartTime = start;
    assertThat(violates(new BookingWithinOptionRangeRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "caseworker {0} found {1} -> 4822 {2}")
  @CsvSource({"CVR-RID-1, true, false", "CVR-RID-1, false, true", ", false, false"})
  void caseworkerFound(String rid, boolean found, boolean violated) {
    Fixture f = Fixture.create().update();
    f.caseWorker = rid;
    f.booking =
        new BookingFacts(option(7, true, null, null, Set.of()), found, "101", List.of(), List.of());
    assertThat(violates(new CaseworkerFoundRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "rid {0}, supervisors [{1}], caseworker's centre {2} -> 9003 {3}")
  @CsvSource({
    "RID-1, RID-1|RID-2, 101, false",
    "RID-3, RID-1|RID-2, 101, true",
    "RID-3, , 101, false", // any caseworker of the job centre
    "RID-3, , 202, true" // from another job centre
  })
  void supervisorAllowed(String rid, String supervisors, String centre, boolean violated) {
    Set<String> rids = supervisors == null ? Set.of() : Set.of(supervisors.split("\\|"));
    Fixture f = Fixture.create().update();
    f.caseWorker = rid;
    f.booking =
        new BookingFacts(option(7, true, null, null, rids), true, centre, List.of(), List.of());
    assertThat(violates(new SupervisorAllowedRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void supervisorIsNotJudgedForAnUnknownCaseworker() {
    Fixture f = Fixture.create().update();
    f.caseWorker = "RID-9";
    f.booking =
        new BookingFacts(
            option(7, true, null, null, Set.of("RID-1")), false, null, List.of(), List.of());
    assertThat(new SupervisorAllowedRule().evaluable(f.build())).isFalse();
  }

  @ParameterizedTest(name = "type {0}, existing Jobsamtale at {1} -> 8273 {2}")
  @CsvSource({
    "7, 2026-12-01T08:00:00Z, true",
    "7, 2026-11-27T10:00:01Z, true", // a second after receivedAt
    "7, 2026-11-27T09:00:00Z, false", // earlier today: past
    "7, 2026-10-01T08:00:00Z, false",
    "9, 2026-12-01T08:00:00Z, false", // not a Jobsamtale option
    "7, , false"
  })
  void jobsamtaleAlreadyBooked(int type, Instant existing, boolean violated) {
    Fixture f = Fixture.create().update();
    f.booking =
        new BookingFacts(
            option(type, true, null, null, Set.of()),
            false,
            null,
            existing == null ? List.of() : List.of(existing),
            List.of());
    assertThat(violates(new JobsamtaleAlreadyBookedRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "booking {0}, deadline {1} -> 8288 {2}")
  @CsvSource({
    "2026-11-30T09:00:00+01:00, 2026-12-01T00:00:00+01:00, false",
    "2026-11-30T09:00:00+01:00, 2026-11-30T09:00:00+01:00, false", // at the deadline
    "2026-11-30T09:00:01+01:00, 2026-11-30T09:00:00+01:00, true",
    "2026-12-15T09:00:00+01:00, 2026-12-01T00:00:00+01:00, true",
    "2026-12-15T09:00:00+01:00, , false"
  })
  void bookingAfterDeadline(String start, String deadline, boolean violated) {
    Fixture f = Fixture.create().update();
    f.bookingStartTime = start;
    f.booking =
        new BookingFacts(
            option(7, true, null, null, Set.of()),
            false,
            null,
            List.of(),
            deadline == null
                ? List.of()
                : List.of(java.time.OffsetDateTime.parse(deadline).toInstant()));
    assertThat(violates(new BookingAfterDeadlineRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void bookingFactRulesAreSkippedUntilTheFactsAreFetched() {
    Fixture f = Fixture.create().update();
    f.booking = null;
    RuleInput in = f.build();
    for (Rule rule :
        List.of(
            new InterviewOptionActiveRule(),
            new BookingWithinOptionRangeRule(),
            new SupervisorAllowedRule(),
            new CaseworkerFoundRule(),
            new JobsamtaleAlreadyBookedRule(),
            new BookingAfterDeadlineRule())) {
      assertThat(rule.evaluable(in)).as(rule.code().name()).isFalse();
    }
  }

  @Test
  void theFixtureBookingIsAcceptable() {
    Fixture f = Fixture.create().update();
    assertThat(RuleEngine.standard().evaluate(f.build()).errors()).isEmpty();
    assertThat(TODAY)
        .isEqualTo(Fixture.RECEIVED.atZone(java.time.ZoneId.of("Europe/Copenhagen")).toLocalDate());
  }
}
