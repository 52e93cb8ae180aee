package dk.jobagent.worker.rules;

import java.time.LocalDate;

/** An absence registration; {@code to} null means open-ended. */
public record Absence(String absenceType, LocalDate from, LocalDate to) {

  /** Whether the registration covers {@code date} (both ends inclusive). */
  public boolean covers(LocalDate date) {
    return !date.isBefore(from) && (to == null || !date.isAfter(to));
  }
}
