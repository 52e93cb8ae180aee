package dk.jobagent.worker.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The birth date a CPR number encodes: DDMMYY plus the century from the 7th digit (0–3: 1900s; 4
 * and 9: 00–36 are 2000s, else 1900s; 5–8: 00–57 are 2000s, else 1800s).
 */
public final class CprBirthDate {

  private CprBirthDate() {}

  /** Empty for {@code 0000000000}, a malformed value or a date that does not exist. */
  public static Optional<LocalDate> of(String cpr) {
    if (cpr == null || cpr.length() != 10 || !cpr.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int day = Integer.parseInt(cpr.substring(0, 2));
    int month = Integer.parseInt(cpr.substring(2, 4));
    int yy = Integer.parseInt(cpr.substring(4, 6));
    int seventh = cpr.charAt(6) - '0';
    int century =
        switch (seventh) {
          case 0, 1, 2, 3 -> 1900;
          case 4, 9 -> yy <= 36 ? 2000 : 1900;
          default -> yy <= 57 ? 2000 : 1800;
        };
    try {
      return Optional.of(LocalDate.of(century + yy, month, day));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Completed years on {@code date}. Someone born on 29 February becomes a year older on 1 March in
   * a common year (the birthday has not yet occurred on 28 February).
   */
  public static OptionalInt ageOn(String cpr, LocalDate date) {
    return of(cpr)
        .map(birth -> OptionalInt.of(Period.between(birth, date).getYears()))
        .orElse(OptionalInt.empty());
  }
}
