package dk.jobagent.worker.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CprBirthDateTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0101900123, 1990-01-01",
    "0101901123, 1990-01-01",
    "0101902123, 1990-01-01",
    "0101003123, 1900-01-01",
    "0101364123, 2036-01-01",
    "0101374123, 1937-01-01",
    "0101369123, 2036-01-01",
    "0101379123, 1937-01-01",
    "0101005123, 2000-01-01",
    "0101575123, 2057-01-01",
    "0101585123, 1858-01-01",
    "0101576123, 2057-01-01",
    "0101587123, 1858-01-01",
    "0101998123, 1899-01-01",
    "3112578123, 2057-12-31",
    "2902004123, 2000-02-29",
    "2902969123, 1996-02-29"
  })
  void decodesTheCenturyFromTheSeventhDigit(String cpr, LocalDate birth) {
    assertThat(CprBirthDate.of(cpr)).contains(birth);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000000000", // "unknown"
        "2902014123", // 2001 is no leap year
        "2902003123", // 1900 is no leap year
        "3104901123", // 31 April
        "010190123", // too short
        "01019012345",
        "01019O1234"
      })
  void emptyWhenTheCprEncodesNoDate(String cpr) {
    assertThat(CprBirthDate.of(cpr)).isEmpty();
  }

  @ParameterizedTest(name = "born {0}, on {1}: {2}")
  @CsvSource({
    // 29 February: a year older on 1 March in a common year
    "2902084123, 2026-02-28, 17",
    "2902084123, 2026-03-01, 18",
    "2902084123, 2028-02-29, 20",
    "2902084123, 2028-02-28, 19",
    "2711613123, 2026-11-26, 64",
    "2711613123, 2026-11-27, 65"
  })
  void ageInCompletedYears(String cpr, LocalDate on, int age) {
    assertThat(CprBirthDate.ageOn(cpr, on)).hasValue(age);
  }
}
