package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.validation.SyntaxCheck;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams a JSON Lines file (plain, or gzip by its magic bytes) line by line as raw bytes, in
 * constant memory: a line longer than {@link SyntaxCheck#MAX_BODY_BYTES} plus a margin is drained
 * and handed on as "too long" instead of being buffered. Decoding and parsing happen later, in
 * parallel, on the bytes (invalid UTF-8 is then a 1014 like on the API).
 *
 * <p>Restartable: the number of lines handed out is saved in the step's execution context at every
 * chunk commit (in the chunk's transaction), and a restart skips that many lines. A final line
 * without a line break counts; the empty string after the last line break does not.
 */
class JsonLinesReader implements ItemStreamReader<BulkLine> {

  static final String LINES_READ = "bulk.lines.read";

  /** Room for the envelope around the largest body the API accepts. */
  static final int MAX_LINE_BYTES = SyntaxCheck.MAX_BODY_BYTES + 4096;

  private final Path file;
  private InputStream in;
  private long lineNo;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;

  JsonLinesReader(Path file) {
    this.file = file;
  }

  @Override
  public void open(ExecutionContext context) {
    try {
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      in =
          b1 == 0x1f && b2 == 0x8b
              ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
              : raw;
      long skip = context.getLong(LINES_READ, 0L);
      lineNo = 0;
      pos = 0;
      limit = 0;
      while (lineNo < skip && next() != null) {
        // skipped: committed by an earlier execution of this file
      }
    } catch (IOException e) {
      throw new ItemStreamException("cannot open bulk file " + file.getFileName(), e);
    }
  }

  @Override
  public BulkLine read() {
    try {
      return next();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bulk file " + file.getFileName(), e);
    }
  }

  private BulkLine next() throws IOException {
    buffer.reset();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(chunk, 0, chunk.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && chunk[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (buffer.size() + n <= MAX_LINE_BYTES) {
        buffer.write(chunk, start, n);
      } else {
        tooLong = true;
      }
      if (pos < limit) {
        pos++; // the line break
        break;
      }
    }
    if (!any) {
      return null;
    }
    lineNo++;
    if (tooLong) {
      return new BulkLine(lineNo, new byte[0], true);
    }
    byte[] bytes = buffer.toByteArray();
    int len = bytes.length;
    if (len > 0 && bytes[len - 1] == '\r') {
      bytes = Arrays.copyOf(bytes, len - 1);
    }
    return new BulkLine(lineNo, bytes, false);
  }

  @Override
  public void update(ExecutionContext context) {
    context.putLong(LINES_READ, lineNo);
  }

  @Override
  public void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only stream: nothing was lost
      }
      in = null;
    }
  }
}
