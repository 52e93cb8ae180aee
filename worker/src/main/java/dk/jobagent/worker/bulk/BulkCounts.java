package dk.jobagent.worker.bulk;

import java.util.Map;

/**
 * A file's line counts (schemas/json/bulk-counts.schema.json).
 *
 * @param total lines with a result so far
 */
record BulkCounts(
    long total, long completed, long rejected, long failed, long duplicates, long pending) {

  static BulkCounts of(Map<String, Long> byStatus) {
    long completed = byStatus.getOrDefault(LineStatus.COMPLETED.name(), 0L);
    long rejected = byStatus.getOrDefault(LineStatus.REJECTED.name(), 0L);
    long failed = byStatus.getOrDefault(LineStatus.FAILED.name(), 0L);
    long duplicates = byStatus.getOrDefault(LineStatus.DUPLICATE.name(), 0L);
    return new BulkCounts(
        completed + rejected + failed + duplicates, completed, rejected, failed, duplicates, 0);
  }
}
