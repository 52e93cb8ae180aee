package dk.jobagent.ingest.bulkfile;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bulk-file uploads (issue #11). {@code inbox} and {@code outbox} carry the worker's property names
 * and must name the same directories the worker uses (a shared volume): uploads land in {@code
 * <inbox>/<clientId>/}, results are read from {@code <outbox>/<clientId>/}.
 *
 * @param inbox where uploads are placed, one folder per client id
 * @param outbox where the worker writes {@code <file>.result.jsonl}, one folder per client id
 * @param maxUploadSize the largest upload accepted, counted as sent (compressed when gzip)
 * @param pollInterval how often a {@code Prefer: wait=N} status request re-reads the database
 */
@ConfigurationProperties("jobagent.bulk")
record BulkUploadProperties(
    @DefaultValue("./data/bulk/inbox") Path inbox,
    @DefaultValue("./data/bulk/outbox") Path outbox,
    @DefaultValue("2GB") DataSize maxUploadSize,
    @DefaultValue("500ms") java.time.Duration pollInterval) {}
