package dk.jobagent.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkFileRetentionJobTest {

  @TempDir Path temp;

  @Test
  void deletesOnlyFilesOlderThanTheRetentionInBothFoldersAndCountsThem() throws Exception {
    Path outbox = temp.resolve("outbox");
    Path archive = temp.resolve("archive");
    Instant now = Instant.now();
    Path oldResult =
        file(outbox.resolve("client-a/f1.jsonl.result.jsonl"), now.minus(31, ChronoUnit.DAYS));
    Path newResult =
        file(outbox.resolve("client-a/f2.jsonl.result.jsonl"), now.minus(29, ChronoUnit.DAYS));
    Path oldInput = file(archive.resolve("client-b/f3.jsonl"), now.minus(40, ChronoUnit.DAYS));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BulkFileRetentionJob job =
        new BulkFileRetentionJob(outbox, archive, Duration.ofDays(30), registry);

    assertThat(job.purge(now)).isEqualTo(2);

    assertThat(oldResult).doesNotExist();
    assertThat(oldInput).doesNotExist();
    assertThat(newResult).exists();
    assertThat(outbox.resolve("client-a")).isDirectory();
    assertThat(
            registry.get("jobagent.retention.purged").tag("data", "bulk_files").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void missingFoldersAreNothingToDo() {
    BulkFileRetentionJob job =
        new BulkFileRetentionJob(
            temp.resolve("none"),
            temp.resolve("nor"),
            Duration.ofDays(30),
            new SimpleMeterRegistry());
    assertThat(job.purge(Instant.now())).isZero();
  }

  private static Path file(Path p, Instant modified) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{}\n");
    Files.setLastModifiedTime(p, FileTime.from(modified));
    return p;
  }
}
