package dk.jobagent.worker.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One dead letter in {@code GET /admin/dlq}.
 *
 * @param requestId with clientId and operation: read from the payload when it is an
 *     EnrolmentCommand, else null
 * @param receiptStatus the request's receipt status now (PENDING, COMPLETED, REJECTED, FAILED),
 *     null when there is no request row: only a PENDING one is changed by a re-drive
 * @param payloadPreview the start of a payload that is not a readable command (CPR-masked)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeadLetterView(
    String id,
    String messageId,
    String clientId,
    String requestId,
    String operation,
    String routingKey,
    String reason,
    int attempts,
    Instant firstDeathAt,
    Instant storedAt,
    Instant redrivenAt,
    int redriveCount,
    String receiptStatus,
    String payloadPreview) {}
