package dk.jobagent.ingest.badinput;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request of the bad-input corpus and what must come of it.
 *
 * @param kind the mutation class (counts and failures are reported per class)
 * @param headers name/value pairs in order; a name may repeat
 * @param body the body bytes, or null for none
 * @param chunked send the body without a Content-Length (chunked)
 * @param raw when set, these exact bytes are written to the socket instead
 */
record Probe(
    int seq,
    String kind,
    String method,
    String path,
    List<String[]> headers,
    byte[] body,
    boolean chunked,
    byte[] raw,
    Expect expect) {

  /**
   * What the answer must be.
   *
   * @param status the exact status; 0 means any 4xx
   * @param code the seed's code the problem body must carry; null: the body must carry none
   * @param effect what the request must leave in the database
   * @param requestId the request id the effect is recorded under (writes)
   * @param problem whether the answer must be application/problem+json (every error is)
   */
  record Expect(int status, Integer code, Effect effect, String requestId, boolean problem) {

    static Expect rejected(int status, Integer code) {
      return new Expect(status, code, Effect.NONE, null, true);
    }

    static Expect stored(String requestId) {
      return new Expect(202, null, Effect.STORED, requestId, false);
    }

    boolean accepts(int actual) {
      return status == 0 ? actual >= 400 && actual < 500 : actual == status;
    }
  }

  /** What an answered request leaves behind. */
  enum Effect {
    /** nothing at all: no request, outbox or audit row */
    NONE,
    /** a request row, its outbox row and its audit record, under the probe's request id */
    STORED,
    /** one GetJobagent audit record (a read of a syntactically valid CPR is recorded) */
    READ_AUDIT,
    /** one receipt-read audit record */
    RECEIPT_AUDIT
  }

  String describe() {
    String b =
        body == null
            ? "-"
            : body.length > 160
                ? body.length + " bytes"
                : new String(body, StandardCharsets.UTF_8)
                    .replace("\n", "\\n")
                    .replace("\r", "\\r");
    StringBuilder h = new StringBuilder();
    for (String[] header : headers) {
      if (!header[0].equalsIgnoreCase("Authorization")) {
        String v = header[1].length() > 60 ? header[1].length() + " chars" : header[1];
        h.append(header[0]).append('=').append(v.replace("\r", "\\r").replace("\n", "\\n"));
        h.append(' ');
      }
    }
    return "#%d [%s] %s %s %s body=%s"
        .formatted(
            seq,
            kind,
            method,
            path.length() > 80 ? path.substring(0, 80) + "…" : path,
            h.toString().trim(),
            b);
  }
}
