package dk.jobagent.ingest.bulkfile;

import java.util.Enumeration;
import java.util.Locale;

/** RFC 7240 {@code Prefer: wait=N} for the status long poll; N is capped at 30 s. */
final class PreferWaitHeader {

  static final int MAX_SECONDS = 30;

  private PreferWaitHeader() {}

  /** The preferred wait in seconds, or -1 when no valid wait preference is stated. */
  static int seconds(Enumeration<String> headers) {
    while (headers != null && headers.hasMoreElements()) {
      for (String preference : headers.nextElement().split(",")) {
        String token = preference.split(";", 2)[0].trim();
        int eq = token.indexOf('=');
        if (eq > 0 && token.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("wait")) {
          try {
            long n = Long.parseLong(token.substring(eq + 1).trim().replace("\"", ""));
            if (n >= 0) {
              return (int) Math.min(n, MAX_SECONDS);
            }
          } catch (NumberFormatException ignored) {
            // not understood: ignored, as RFC 7240 asks
          }
        }
      }
    }
    return -1;
  }
}
