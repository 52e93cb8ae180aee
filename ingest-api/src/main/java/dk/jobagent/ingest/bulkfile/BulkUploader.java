package dk.jobagent.ingest.bulkfile;

import dk.jobagent.ingest.bulkfile.JsonLinesFraming.FramingException;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.ingest.web.Problems;
import dk.jobagent.schemas.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * Streams an upload into {@code <inbox>/<clientId>/<id>.jsonl[.gz].part} (64 KiB at a time, never
 * the whole file in memory), checks its framing on the way, forces it to disk and renames it into
 * place atomically, so the worker never sees half a file: the scan takes only names ending in
 * {@code .jsonl} or {@code .jsonl.gz}. Anything that goes wrong removes the part file and the row.
 */
@Service
class BulkUploader {

  private static final Logger log = LoggerFactory.getLogger(BulkUploader.class);
  private static final int BUFFER = 64 * 1024;

  /** What was stored. */
  record Stored(UUID id, long sizeBytes, long lines) {}

  private final BulkUploadProperties properties;
  private final BulkFileRepository repository;

  BulkUploader(BulkUploadProperties properties, BulkFileRepository repository) {
    this.properties = properties;
    this.repository = repository;
  }

  Stored upload(
      String clientId,
      String requestId,
      String fileName,
      boolean gzip,
      boolean startNow,
      InputStream body) {
    UUID id = UUID.randomUUID();
    String storedName = id + (gzip ? ".jsonl.gz" : ".jsonl");
    try {
      repository.reserve(id, clientId, requestId, fileName, storedName, startNow);
    } catch (DuplicateKeyException e) {
      throw duplicate(clientId, requestId);
    }
    Path dir = properties.inbox().resolve(clientId);
    Path part = dir.resolve(storedName + ".part");
    Path target = dir.resolve(storedName);
    boolean placed = false;
    boolean recorded = false;
    try {
      Files.createDirectories(dir);
      long[] counts = write(body, part, gzip);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      placed = true;
      repository.placed(id, counts[0], counts[1], startNow);
      recorded = true;
      return new Stored(id, counts[0], counts[1]);
    } catch (IOException e) {
      // the client went away, or the disk failed: nothing of it may stay behind
      log.info("bulk upload {} of client {} not stored: {}", id, clientId, e.toString());
      throw new ApiProblem(
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "upload-incomplete",
              "Upload incomplete",
              "The file could not be received completely; nothing was stored."));
    } finally {
      if (!recorded) {
        cleanUp(part, placed ? target : null, id);
      }
    }
  }

  /** Copies body to part; returns {bytes, lines}. */
  private long[] write(InputStream body, Path part, boolean gzip) throws IOException {
    long max = properties.maxUploadSize().toBytes();
    JsonLinesFraming framing = new JsonLinesFraming();
    try (FileChannel out =
        FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      TeeInputStream tee = new TeeInputStream(body, out, max);
      byte[] buffer = new byte[BUFFER];
      try {
        if (gzip) {
          try (InputStream unzipped = new GZIPInputStream(tee, BUFFER)) {
            for (int n; (n = unzipped.read(buffer)) >= 0; ) {
              framing.accept(buffer, 0, n);
            }
          }
          // whatever follows the last gzip member is stored as sent
          while (tee.read(buffer) >= 0) {
            // drained into the file by the tee
          }
        } else {
          for (int n; (n = tee.read(buffer)) >= 0; ) {
            framing.accept(buffer, 0, n);
          }
        }
      } catch (ZipException e) {
        throw badBody("not gzip: " + e.getMessage(), null);
      } catch (FramingException e) {
        throw badBody(e.getMessage(), e.line);
      }
      long lines = framing.finish();
      out.force(true);
      return new long[] {tee.count, lines};
    } catch (FramingException e) {
      throw badBody(e.getMessage(), e.line);
    }
  }

  private void cleanUp(Path part, Path target, UUID id) {
    try {
      Files.deleteIfExists(part);
      if (target != null) {
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      repository.delete(id);
    }
  }

  ApiProblem tooLarge() {
    return new ApiProblem(
        Problems.of(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload-too-large",
            "Payload too large",
            "A bulk file may have at most " + properties.maxUploadSize().toBytes() + " bytes."));
  }

  private ApiProblem duplicate(String clientId, String requestId) {
    String link =
        repository
            .findByRequest(clientId, requestId)
            .map(r -> BulkFileController.location(r.id()))
            .orElse(null);
    ProblemDetail p =
        Problems.of(
            HttpStatus.PRECONDITION_FAILED,
            "duplicate-request",
            "Duplicate request",
            "This x-requestId was already used for a bulk file; see the first upload.");
    if (link != null) {
      p.setProperty("bulkFile", link);
    }
    ApiProblem problem = new ApiProblem(p);
    return link == null ? problem : problem.header("Link", "<" + link + ">; rel=\"related\"");
  }

  private static ApiProblem badBody(String message, Long line) {
    ProblemDetail p =
        Problems.of(HttpStatus.BAD_REQUEST, "invalid-bulk-file", ErrorCode.MESSAGE_VALIDATION);
    Problems.withErrors(
        p, List.of(Problems.fieldError(line == null ? "body" : "line " + line, message)));
    return new ApiProblem(p);
  }

  /** Reads the request body and writes every byte read to the part file, counting against max. */
  private final class TeeInputStream extends InputStream {
    private final InputStream in;
    private final FileChannel out;
    private final long max;
    long count;

    TeeInputStream(InputStream in, FileChannel out, long max) {
      this.in = in;
      this.out = out;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
        if (count > max) {
          throw tooLarge();
        }
        ByteBuffer slice = ByteBuffer.wrap(b, off, n);
        while (slice.hasRemaining()) {
          out.write(slice);
        }
      }
      return n;
    }
  }
}
