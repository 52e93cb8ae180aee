package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a bulk line's receipt and request row, as the JsonMapper writes {@link Receipt},
 * {@link EnrollmentAndBookResponse} and {@link ReceiptError} (BulkChunkWriterJsonTest compares
 * them), assembled from parts instead of walking the beans per line: the chunk's two timestamps are
 * formatted once per chunk, each error code once per file, and a line's result is built once and
 * used both in its request row and inside its receipt. Measured: serialising receipts and results
 * bean by bean was a tenth of the worker's CPU per line.
 */
final class ReceiptJson {

  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  private final JsonMapper json;
  private final Map<ReceiptError, String> errors = new ConcurrentHashMap<>();

  ReceiptJson(JsonMapper json) {
    this.json = json;
  }

  /** A chunk's receivedAt and completedAt, as JSON strings in Copenhagen time. */
  record Stamps(String receivedAt, String completedAt) {}

  Stamps stamps(Instant receivedAt, Instant completedAt) {
    return new Stamps(
        json.writeValueAsString(OffsetDateTime.ofInstant(receivedAt, CopenhagenDates.ZONE)),
        json.writeValueAsString(OffsetDateTime.ofInstant(completedAt, CopenhagenDates.ZONE)));
  }

  /** An accepted CreateJobagent's result (the ServiceReceipt's EventDate is completedAt). */
  String result(Stamps stamps, UUID messageId, LocalDate enrolmentDate, int jobWishes) {
    return "{\"ServiceReceipt\":{\"EventDate\":"
        + stamps.completedAt()
        + ",\"MessageIdentifier\":\""
        + messageId
        + "\"},\"JobCenterReceipt\":\"Enrolled from "
        + enrolmentDate
        + " with "
        + jobWishes
        + " job wishes\",\"NoSelfActivatingCodeNeeded\":true}";
  }

  /** A receipt's errors or warnings; null when there are none (the member is then left out). */
  String errors(List<ReceiptError> list) {
    if (list.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(list.size() * 160).append('[');
    for (int i = 0; i < list.size(); i++) {
      out.append(i == 0 ? "" : ",")
          .append(errors.computeIfAbsent(list.get(i), json::writeValueAsString));
    }
    return out.append(']').toString();
  }

  /** A CreateJobagent receipt from its parts (JSON text; null parts are left out). */
  String receipt(
      String requestId,
      String status,
      Stamps stamps,
      String resultJson,
      String errorsJson,
      String warningsJson) {
    StringBuilder out =
        new StringBuilder(
            160
                + requestId.length()
                + length(resultJson)
                + length(errorsJson)
                + length(warningsJson));
    out.append("{\"requestId\":");
    quoted(out, requestId);
    out.append(",\"operation\":\"CREATE\",\"status\":\"")
        .append(status)
        .append("\",\"receivedAt\":")
        .append(stamps.receivedAt())
        .append(",\"completedAt\":")
        .append(stamps.completedAt());
    member(out, "result", resultJson);
    member(out, "errors", errorsJson);
    member(out, "warnings", warningsJson);
    return out.append('}').toString();
  }

  /** The reply's headers: client id, request id and file id, in that order. */
  String headers(String clientId, String requestId, long fileId) {
    StringBuilder out = new StringBuilder(120 + clientId.length() + requestId.length());
    out.append("{\"x-jobagent-client-id\":");
    quoted(out, clientId);
    out.append(",\"x-jobagent-request-id\":");
    quoted(out, requestId);
    return out.append(",\"x-jobagent-bulk-file-id\":\"").append(fileId).append("\"}").toString();
  }

  private static void member(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append(",\"").append(name).append("\":").append(value);
    }
  }

  private static void quoted(StringBuilder out, String value) {
    out.append('"');
    QUOTE.quoteAsString(value, out);
    out.append('"');
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
