package dk.jobagent.schemas;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks CPR numbers for logs and error bodies: {@code 0101901234} becomes {@code 010190****}. The
 * birth date part stays so that an operator can still tell people apart in a log.
 */
public final class CprMask {

  /**
   * A number that could be a CPR: SPEC §2's pattern (a valid day and month, DDMM, then six digits)
   * or {@code 0000000000}, also in the written form with a dash after the birth date, standing
   * alone (not part of a longer number such as a timestamp in millis). Other ten-digit numbers
   * (2147483647 in a validation message, an order number) are not CPRs and stay as they are.
   */
  private static final Pattern CPR_IN_TEXT =
      Pattern.compile(
          "(?<!\\d)(?:("
              + "(?:(?:0[1-9]|[12][0-9]|3[01])(?:01|03|05|07|08|10|12)"
              + "|(?:0[1-9]|[12][0-9]|30)(?:04|06|09|11)"
              + "|(?:0[1-9]|[12][0-9])02)"
              + "[0-9]{2})-?[0-9]{4}"
              + "|(000000)-?0000)(?!\\d)");

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

  /** Masks every number in a free text (a log line) that could be a CPR. */
  public static String maskAll(CharSequence text) {
    if (text == null) {
      return null;
    }
    if (!sixDigitsInARow(text)) {
      return text.toString(); // most log lines and messages: no regex scan needed
    }
    Matcher m = CPR_IN_TEXT.matcher(text);
    if (!m.find()) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      String birth = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, birth + "****");
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  /** Every CPR starts with six digits in a row (the birth date). */
  private static boolean sixDigitsInARow(CharSequence text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = c >= '0' && c <= '9' ? run + 1 : 0;
      if (run == 6) {
        return true;
      }
    }
    return false;
  }
}
