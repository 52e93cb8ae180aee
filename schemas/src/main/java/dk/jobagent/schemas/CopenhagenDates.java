package dk.jobagent.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The API's dates are ISO-8601 dates ({@code 2026-11-27}) or date-times (with an offset, or local
 * meaning Copenhagen time); what counts is the calendar date in Europe/Copenhagen.
 */
public final class CopenhagenDates {

  public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

  private CopenhagenDates() {}

  /** The Copenhagen calendar date of an ISO-8601 date or date-time; empty if unparseable. */
  public static Optional<LocalDate> toDate(String value) {
    return toInstantOrDate(value)
        .map(v -> v instanceof Instant i ? LocalDate.ofInstant(i, ZONE) : (LocalDate) v);
  }

  /** An instant for a date-time; a date alone is the start of that day in Copenhagen. */
  public static Optional<Instant> toInstant(String value) {
    return toInstantOrDate(value)
        .map(v -> v instanceof Instant i ? i : ((LocalDate) v).atStartOfDay(ZONE).toInstant());
  }

  /** The Copenhagen date of an instant (e.g. a request's receivedAt: "today" for the rules). */
  public static LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZONE);
  }

  private static Optional<Object> toInstantOrDate(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      if (value.length() == 10) {
        return Optional.of(LocalDate.parse(value));
      }
      try {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.of(java.time.LocalDateTime.parse(value).atZone(ZONE).toInstant());
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
