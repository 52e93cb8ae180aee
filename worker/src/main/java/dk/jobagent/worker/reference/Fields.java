package dk.jobagent.worker.reference;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks shared by the row formats; every message is safe to show (no CPR in it). */
final class Fields {

  /** The seed's CPR pattern, anchored; 0000000000 ("unknown") is not a person. */
  private static final Pattern CPR =
      Pattern.compile(
          "^(((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))"
              + "|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6}$");

  /** The seed's e-mail pattern, anchored. */
  private static final Pattern EMAIL =
      Pattern.compile("^[^>()\\[\\]\\\\,;:@\\s]{0,191}@[^>()\\[\\]\\\\,;:@\\s]{1,64}$");

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "^[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}$");

  private Fields() {}

  static String cpr(String value) throws RowRejectedException {
    String v = value.trim();
    if (!CPR.matcher(v).matches()) {
      throw new RowRejectedException("cpr does not match the CPR pattern (ten digits, DDMMYY…)");
    }
    return v;
  }

  static String requiredText(String column, String value) throws RowRejectedException {
    String v = value.trim();
    if (v.isEmpty()) {
      throw new RowRejectedException(column + " is empty");
    }
    return v;
  }

  static String optionalText(String value) {
    String v = value.trim();
    return v.isEmpty() ? null : v;
  }

  static String optionalDate(String column, String value) throws RowRejectedException {
    String v = value.trim();
    return v.isEmpty() ? null : requiredDate(column, v);
  }

  static String requiredDate(String column, String value) throws RowRejectedException {
    String v = value.trim();
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeParseException e) {
      throw new RowRejectedException(column + " is not a date (yyyy-mm-dd): '" + v + "'");
    }
  }

  /** true/false (any case) or 1/0; empty means false, as in the table's default. */
  static String bool(String column, String value) throws RowRejectedException {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "1" -> "true";
      case "false", "0", "" -> "false";
      default -> throw new RowRejectedException(column + " is not true/false: '" + value + "'");
    };
  }

  static String optionalEmail(String value) throws RowRejectedException {
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (!EMAIL.matcher(v).matches()) {
      throw new RowRejectedException("email is not an e-mail address");
    }
    return v;
  }

  static String uuid(String column, String value) throws RowRejectedException {
    String v = value.trim();
    if (!UUID_TEXT.matcher(v).matches()) {
      throw new RowRejectedException(column + " is not a UUID: '" + v + "'");
    }
    return UUID.fromString(v).toString();
  }

  static String conceptUri(String column, String value) throws RowRejectedException {
    String v = requiredText(column, value);
    if (!(v.startsWith("http://") || v.startsWith("https://")) || v.contains(" ")) {
      throw new RowRejectedException(column + " is not an http(s) URI: '" + v + "'");
    }
    return v;
  }
}
