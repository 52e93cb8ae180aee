package dk.jobagent.worker.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Moves a processed file (and its {@code .done} marker, if any) out of the inbox into {@code
 * <archive>/<clientId>/}, so that the next scan does not see it again. A name already in the
 * archive gets the file id appended. Idempotent: a file that is gone was moved by an earlier run.
 */
class ArchiveTasklet implements Tasklet {

  private final Path input;
  private final Path archiveDir;
  private final long fileId;

  ArchiveTasklet(Path input, Path archiveDir, long fileId) {
    this.input = input;
    this.archiveDir = archiveDir;
    this.fileId = fileId;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    try {
      Files.deleteIfExists(input.resolveSibling(input.getFileName() + ".done"));
      if (!Files.exists(input)) {
        return RepeatStatus.FINISHED;
      }
      Files.createDirectories(archiveDir);
      Path target = archiveDir.resolve(input.getFileName());
      if (Files.exists(target)) {
        target = archiveDir.resolve(input.getFileName() + "." + fileId);
      }
      Files.move(input, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot archive " + input.getFileName(), e);
    }
    return RepeatStatus.FINISHED;
  }
}
