package dk.jobagent.worker.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.api.ServiceReceipt;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk job's receipts, results and reply headers, assembled from parts, are byte for byte what
 * the application's JsonMapper writes for the same beans (the command path's form).
 */
class ReceiptJsonTest extends WorkerIntegrationTest {

  @Autowired JsonMapper json;

  private final Instant received = Instant.parse("2026-11-27T08:15:30.123456Z");
  private final Instant completed = Instant.parse("2026-06-27T08:15:31Z"); // summer time

  @Test
  void anAcceptedLinesResultAndReceiptAreTheMappersJson() {
    ReceiptJson parts = new ReceiptJson(json);
    ReceiptJson.Stamps stamps = parts.stamps(received, completed);
    UUID message = UUID.randomUUID();
    EnrollmentAndBookResponse result =
        new EnrollmentAndBookResponse(
            new ServiceReceipt(at(completed), message.toString()),
            "Enrolled from 2026-11-20 with 3 job wishes",
            null,
            null,
            true,
            null);
    List<ReceiptError> warnings = List.of(ReceiptError.of(ErrorCode.MISSING_DATA_WARNING));

    String resultJson = parts.result(stamps, message, LocalDate.parse("2026-11-20"), 3);
    String receipt =
        parts.receipt(
            "req-1",
            "COMPLETED",
            stamps,
            resultJson,
            parts.errors(List.of()),
            parts.errors(warnings));

    assertThat(resultJson).isEqualTo(json.writeValueAsString(result));
    assertThat(receipt)
        .isEqualTo(
            json.writeValueAsString(
                new Receipt(
                    "req-1",
                    Operation.CREATE,
                    ReceiptStatus.COMPLETED,
                    at(received),
                    at(completed),
                    result,
                    null,
                    warnings)));
  }

  @Test
  void aRejectedLinesReceiptWithEscapedRequestIdIsTheMappersJson() {
    ReceiptJson parts = new ReceiptJson(json);
    ReceiptJson.Stamps stamps = parts.stamps(received, completed);
    String requestId = "a\"b\\c\td/æ\u0001";
    List<ReceiptError> errors =
        List.of(
            ReceiptError.of(ErrorCode.UNKNOWN_CPR),
            ReceiptError.of(ErrorCode.MISSING_DATA_WARNING));

    String receipt = parts.receipt(requestId, "REJECTED", stamps, null, parts.errors(errors), null);

    assertThat(receipt)
        .isEqualTo(
            json.writeValueAsString(
                new Receipt(
                    requestId,
                    Operation.CREATE,
                    ReceiptStatus.REJECTED,
                    at(received),
                    at(completed),
                    null,
                    errors,
                    null)));
    assertThat(parts.errors(errors)).isEqualTo(json.writeValueAsString(errors));
  }

  @Test
  void replyHeadersAreTheMappersJsonOfTheMap() {
    ReceiptJson parts = new ReceiptJson(json);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-jobagent-client-id", "client \"x\"");
    headers.put("x-jobagent-request-id", "r\\1");
    headers.put("x-jobagent-bulk-file-id", "17");

    assertThat(parts.headers("client \"x\"", "r\\1", 17))
        .isEqualTo(json.writeValueAsString(headers));
  }

  private static OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, CopenhagenDates.ZONE);
  }
}
