package dk.jobagent.worker.rules;

import static dk.jobagent.worker.rules.Fixture.violates;
import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Operation;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 1010, 4405, 4720, 4725, 4786 and the 9345 warning: facts of the person register. */
class PersonRulesTest {

  @ParameterizedTest(name = "cpr {0}, in register {1} -> 1010 {2}")
  @CsvSource({
    "0101909123, true, false",
    "0101909123, false, true",
    "0000000000, true, true",
    "0000000000, false, true"
  })
  void unknownCpr(String cpr, boolean inRegister, boolean violated) {
    Fixture f = Fixture.create().cpr(cpr);
    if (!inRegister) {
      f.person = null;
    }
    assertThat(violates(new UnknownCprRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "death date {0} -> 4405 {1}")
  @CsvSource({
    ", false",
    "2026-11-28, false", // registered for tomorrow: alive on the request date
    "2026-11-27, true",
    "2020-01-01, true"
  })
  void dead(LocalDate death, boolean violated) {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, death, false, false, true, "a@b.dk", "101");
    assertThat(violates(new PersonDeadRule(), f.build())).isEqualTo(violated);
  }

  @ParameterizedTest(name = "abroad {0} -> 4720 {0}")
  @ValueSource(booleans = {false, true})
  void abroad(boolean abroad) {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, null, abroad, false, true, "a@b.dk", "101");
    assertThat(violates(new PersonAbroadRule(), f.build())).isEqualTo(abroad);
  }

  @ParameterizedTest(name = "temporary foreign address {0} -> 4725 {0}")
  @ValueSource(booleans = {false, true})
  void temporaryForeignAddress(boolean temporary) {
    Fixture f = Fixture.create();
    f.person = new Person(f.cpr, null, false, temporary, true, "a@b.dk", "101");
    assertThat(violates(new TemporaryForeignAddressRule(), f.build())).isEqualTo(temporary);
  }

  @Test
  void personRulesAreNotEvaluatedForAnUnknownPersonNorForDelete() {
    Fixture unknown = Fixture.create();
    unknown.person = null;
    Fixture delete = Fixture.create();
    delete.operation = Operation.DELETE;
    delete.person = new Person(delete.cpr, LocalDate.of(2020, 1, 1), true, true, false, null, "1");
    for (Rule rule :
        new Rule[] {
          new PersonDeadRule(),
          new PersonAbroadRule(),
          new TemporaryForeignAddressRule(),
          new MissingEmailWarningRule()
        }) {
      assertThat(rule.evaluable(unknown.build())).as(rule.code().name()).isFalse();
      assertThat(rule.evaluable(delete.build())).as(rule.code().name()).isFalse();
    }
  }

  @ParameterizedTest(name = "operation {0}, booking {1}, has CV {2} -> 4786 {3}")
  @CsvSource({
    "UPDATE, true, true, false",
    "UPDATE, true, false, true",
    "UPDATE, false, false, false",
    "CREATE, false, false, false"
  })
  void jobnetCv(Operation op, boolean booking, boolean hasCv, boolean violated) {
    Fixture f = Fixture.create();
    if (booking) {
      f.update();
    }
    f.operation = op;
    f.person = new Person(f.cpr, null, false, false, hasCv, "a@b.dk", "101");
    assertThat(violates(new JobnetCvRule(), f.build())).isEqualTo(violated);
  }

  @Test
  void jobnetCvIsJudgedBeforeTheBookingFactsAreFetched() {
    Fixture f = Fixture.create().update();
    f.booking = null;
    f.person = new Person(f.cpr, null, false, false, false, "a@b.dk", "101");
    assertThat(violates(new JobnetCvRule(), f.build())).isTrue();
  }

  @ParameterizedTest(name = "request e-mail ''{0}'', on file ''{1}'' -> 9345 {2}")
  @CsvSource({
    "a@b.dk, c@d.dk, false",
    "a@b.dk, , false",
    ", c@d.dk, false",
    ", , true",
    "'  ', '', true"
  })
  void missingEmailWarning(String requestEmail, String fileEmail, boolean warned) {
    Fixture f = Fixture.create();
    f.email = requestEmail;
    f.person = new Person(f.cpr, null, false, false, true, fileEmail, "101");
    assertThat(violates(new MissingEmailWarningRule(), f.build())).isEqualTo(warned);
  }
}
