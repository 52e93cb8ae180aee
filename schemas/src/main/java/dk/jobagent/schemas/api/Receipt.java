package dk.jobagent.schemas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.jobagent.schemas.messages.Operation;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * GET /v1/receipts/{requestId}, and the message on the reply exchange {@code jobagent.receipts}
 * (routing key {@code receipt.<clientId>}). Errors are primary first (SPEC §4 order).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
    String requestId,
    Operation operation,
    ReceiptStatus status,
    OffsetDateTime receivedAt,
    OffsetDateTime completedAt,
    EnrollmentAndBookResponse result,
    List<ReceiptError> errors,
    List<ReceiptError> warnings) {}
