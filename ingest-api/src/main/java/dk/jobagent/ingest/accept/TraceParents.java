package dk.jobagent.ingest.accept;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context: the caller's {@code traceparent} is kept when well-formed, else a new trace is
 * started here, so that the worker's logs of a command can be tied to the HTTP call.
 */
final class TraceParents {

  private static final Pattern VALID =
      Pattern.compile("^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

  private TraceParents() {}

  static String continueOrStart(String incoming) {
    if (incoming != null && VALID.matcher(incoming.trim()).matches()) {
      return incoming.trim();
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    r.nextBytes(trace);
    r.nextBytes(span);
    trace[0] |= 1; // never all zeros
    span[0] |= 1;
    return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
  }
}
