package dk.jobagent.worker.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * The message published on {@code jobagent.receipts} with key {@code receipt.<clientId>} when a
 * file's job ends (schemas/json/bulk-summary.schema.json). Counts per code travel in the header
 * {@code x-jobagent-bulk-codes}, since the schema's counts are per status only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BulkSummary(
    String type,
    String fileId,
    String clientId,
    String fileName,
    String status,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    BulkCounts counts,
    String resultFile) {

  static final String TYPE = "bulk-summary";
}
