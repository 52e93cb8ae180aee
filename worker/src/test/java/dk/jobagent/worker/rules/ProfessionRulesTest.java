package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.ACTIVE_URI;
import static dk.jobagent.worker.rules.Fixture.ALIAS_OF_ACTIVE;
import static dk.jobagent.worker.rules.Fixture.ALIAS_OF_INACTIVE;
import static dk.jobagent.worker.rules.Fixture.FRAVALGT_URI;
import static dk.jobagent.worker.rules.Fixture.INACTIVE_URI;
import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.messages.Operation;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 4318, 8281, 4698, 4710, 4589: the job wishes. */
class ProfessionRulesTest {

  private static final String UNKNOWN_URI =
      "http://data.europa.eu/esco/occupation/ffffffff-0000-4000-8000-000000000009";

  @ParameterizedTest(name = "{0} -> 4318 {1}")
  @CsvSource({"active, false", "inactive, true", "fravalgt, true", "unknown, true"})
  void conceptUriMustBeActive(String which, boolean violated) {
    String uri =
        switch (which) {
          case "active" -> ACTIVE_URI;
          case "inactive" -> INACTIVE_URI;
          case "fravalgt" -> FRAVALGT_URI;
          default -> UNKNOWN_URI;
        };
    Fixture f = Fixture.create();
    f.professions =
        List.of(
            Fixture.profession(ACTIVE_URI, null, 2020, 1), Fixture.profession(uri, null, 2020, 1));
    assertThat(violates(new ProfessionActiveRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void invalidProfessionDetailNamesThePositions() {
    Fixture f = Fixture.create();
    f.professions =
        List.of(
            Fixture.profession(ACTIVE_URI, null, 2020, 1),
            Fixture.profession(UNKNOWN_URI, null, 2020, 1),
            Fixture.profession(INACTIVE_URI, null, 2020, 1));
    Violation v = new ProfessionActiveRule().check(f.build()).orElseThrow();
    assertThat(v.detail()).contains("Profession[1]").contains("Profession[2]");
  }

  @ParameterizedTest(name = "alias {0} on {1} -> 8281 {2}")
  @CsvSource({
    "none, active, false",
    "ofActive, active, false",
    "ofInactive, active, true", // an alias of another occupation
    "unknown, active, true",
    "notAUuid, active, true"
  })
  void aliasMustBelongToItsConcept(String alias, String concept, boolean violated) {
    String aliasId =
        switch (alias) {
          case "ofActive" -> ALIAS_OF_ACTIVE.toString();
          case "ofInactive" -> ALIAS_OF_INACTIVE.toString();
          case "unknown" -> UUID.randomUUID().toString();
          case "notAUuid" -> "1-1-1-1-1";
          default -> null;
        };
    Fixture f = Fixture.create();
    f.professions =
        List.of(
            new ProfessionType(ACTIVE_URI, aliasId, true, 2020, 1, UUID.randomUUID().toString()));
    assertThat(violates(new AliasOfOccupationRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "months {0}, year {1} -> 4698 {2}")
  @CsvSource({
    "0, 2020, false",
    "240, 2020, false",
    ", , false",
    "-1, 2020, true",
    "0, -2020, true"
  })
  void negativeCounts(Integer months, Integer year, boolean violated) {
    Fixture f = Fixture.create();
    f.professions = List.of(Fixture.profession(ACTIVE_URI, null, year, months));
    assertThat(violates(new NegativeCountRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "born 1990, YearLastUsed {0} (request year 2026) -> 4710 {1}")
  @CsvSource({
    "2026, false",
    "2027, true",
    "1990, false",
    "1989, true",
    "0, true",
    "-5, false" // negative: 4698's finding
  })
  void yearLastUsed(int year, boolean violated) {
    Fixture f = Fixture.create().cpr("0101909123");
    f.professions = List.of(Fixture.profession(ACTIVE_URI, null, year, 1));
    assertThat(violates(new YearLastUsedRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void yearLastUsedUpperBoundStillAppliesWithoutABirthDate() {
    Fixture f = Fixture.create().cpr("0000000000");
    f.professions = List.of(Fixture.profession(ACTIVE_URI, null, 1800, 1));
    assertThat(violates(new YearLastUsedRule(), f.build())).isFalse();
    f.professions = List.of(Fixture.profession(ACTIVE_URI, null, 2027, 1));
    assertThat(violates(new YearLastUsedRule(), f.build())).isTrue();
  }

  @ParameterizedTest(name = "delete, open enrolment {0} -> 4589 {1}")
  @CsvSource({"true, false", "false, true"})
  void deleteNeedsAnOpenEnrolment(boolean open, boolean violated) {
    Fixture f = Fixture.create();
    f.operation = Operation.DELETE;
    f.enrolments.add(
        new EnrolmentPeriod(
            1, LocalDate.of(2026, 1, 1), open ? null : LocalDate.of(2026, 6, 1), Set.of()));
    assertThat(violates(new UnknownIdentifierRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "update target of another citizen {0} -> 4589 {0}")
  @CsvSource({"false", "true"})
  void updateMustNotNameAnotherCitizensJobTarget(boolean others) {
    Fixture f = Fixture.create().update();
    ProfessionType p = Fixture.profession(ACTIVE_URI, null, 2020, 1);
    f.professions = List.of(Fixture.profession(ACTIVE_URI, null, 2020, 1), p);
    if (others) {
      f.otherCitizensTargets.add(UUID.fromString(p.jobTargetIdentifier()));
    }
    f.otherCitizensTargets.add(UUID.randomUUID());
    assertThat(violates(new UnknownIdentifierRule(), f.build())).isEqualTo(others);
  }

  @Test
  void createIsNotJudgedByTheIdentifierRule() {
    Fixture f = Fixture.create();
    assertThat(new UnknownIdentifierRule().evaluable(f.build())).isFalse();
  }
}
