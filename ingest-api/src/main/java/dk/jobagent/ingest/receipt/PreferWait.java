package dk.jobagent.ingest.receipt;

import java.util.Enumeration;
import java.util.Locale;
import java.util.OptionalInt;

/** RFC 7240 {@code Prefer: wait=N}; N is capped at {@link #MAX_SECONDS}. */
final class PreferWait {

  static final int MAX_SECONDS = 30;

  private PreferWait() {}

  /** The wait preference in seconds, if one of the Prefer headers states a valid one. */
  static OptionalInt parse(Enumeration<String> preferHeaders) {
    if (preferHeaders == null) {
      return OptionalInt.empty();
    }
    while (preferHeaders.hasMoreElements()) {
      String header = preferHeaders.nextElement();
      for (String preference : header.split(",")) {
        // a preference may carry parameters after ';' — they do not concern wait
        String token = preference.split(";", 2)[0].trim();
        int eq = token.indexOf('=');
        if (eq < 0 || !token.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("wait")) {
          continue;
        }
        String value = token.substring(eq + 1).trim().replace("\"", "");
        try {
          long seconds = Long.parseLong(value);
          if (seconds >= 0) {
            return OptionalInt.of((int) Math.min(seconds, MAX_SECONDS));
          }
        } catch (NumberFormatException ignored) {
          // not a wait we understand: ignored, as RFC 7240 asks
        }
      }
    }
    return OptionalInt.empty();
  }
}
