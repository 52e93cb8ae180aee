package dk.jobagent.worker.bulk;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bulk files (SPEC §7): where they arrive, where results and processed files go, and how the job
 * runs.
 *
 * @param inbox one folder per client id: {@code <inbox>/<clientId>/*.jsonl[.gz]}
 * @param outbox where {@code <file>.result.jsonl} is written, in a folder per client id
 * @param archive where processed input files are moved, in a folder per client id
 * @param cron when the inbox is scanned (Spring cron, seconds first); "-" disables the scan
 * @param zone the cron's time zone
 * @param doneMarker when true a file is complete only once {@code <file>.done} exists beside it
 *     (files ending in {@code .part} are always ignored)
 * @param chunkSize lines per transaction (and per set-based reference-data read)
 * @param threads threads that parse, check and judge a chunk's lines in parallel
 * @param maxConcurrentFiles files processed at the same time
 * @param accessCategory recorded on the lines' request rows: a file arrives through a system
 *     integration, not with a caller's token
 * @param progressInterval how often a running file logs its progress
 */
@ConfigurationProperties("jobagent.bulk")
public record BulkProperties(
    @DefaultValue("./data/bulk/inbox") Path inbox,
    @DefaultValue("./data/bulk/outbox") Path outbox,
    @DefaultValue("./data/bulk/archive") Path archive,
    @DefaultValue("0 0 1 * * *") String cron,
    @DefaultValue("Europe/Copenhagen") String zone,
    @DefaultValue("false") boolean doneMarker,
    @DefaultValue("1000") int chunkSize,
    @DefaultValue("2") int threads,
    @DefaultValue("1") int maxConcurrentFiles,
    @DefaultValue("System - alle borgere") String accessCategory,
    @DefaultValue("5s") Duration progressInterval) {}
