package dk.jobagent.schemas;

import java.util.regex.Pattern;

/**
 * Masks CPR numbers for logs and error bodies: {@code 0101901234} becomes {@code 010190****}. The
 * birth date part stays so that an operator can still tell people apart in a log.
 */
public final class CprMask {

  // Ten digits standing alone (not part of a longer number such as a timestamp in millis).
  private static final Pattern CPR_IN_TEXT = Pattern.compile("(?<!\\d)(\\d{6})-?\\d{4}(?!\\d)");

  private CprMask() {}

  public static String mask(String cpr) {
    if (cpr == null) {
      return null;
    }
    if (cpr.length() < 6) {
      return "****";
    }
    return cpr.substring(0, 6) + "****";
  }

  /** Masks every CPR-shaped run of ten digits in a free text (a log line). */
  public static String maskAll(CharSequence text) {
    if (text == null) {
      return null;
    }
    return CPR_IN_TEXT.matcher(text).replaceAll("$1****");
  }
}
