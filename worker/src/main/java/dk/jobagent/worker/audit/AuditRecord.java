package dk.jobagent.worker.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/** One audit record as operators see it: the CPR masked, never in full. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditRecord(
    OffsetDateTime occurredAt,
    String actor,
    String accessCategory,
    String operation,
    String requestId,
    String outcome,
    Integer code,
    String cpr,
    @JsonRawValue String detail) {}
