package dk.jobagent.worker.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams RFC 4180 CSV one record at a time (constant memory): comma separated, fields may be
 * quoted with {@code "}, a quote inside a quoted field is doubled, quoted fields may span lines, LF
 * or CRLF line ends, blank lines skipped, a UTF-8 byte-order mark ignored.
 */
final class CsvRecordReader {

  /** A guard against an unterminated quote swallowing the rest of a large file into one field. */
  static final int MAX_RECORD_CHARS = 100_000;

  private final Reader in;
  private long line = 1;
  private boolean first = true;
  private int pushedBack = -2;

  CsvRecordReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of the input. */
  CsvRecord next() throws IOException {
    while (true) {
      int c = read();
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          c = read();
        }
      }
      if (c == -1) {
        return null;
      }
      if (c == '\n') {
        line++;
        continue;
      }
      if (c == '\r') {
        continue;
      }
      unread(c);
      return record();
    }
  }

  private CsvRecord record() throws IOException {
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int length = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      int c = read();
      if (++length > MAX_RECORD_CHARS) {
        throw new MalformedCsvException(
            start, "record longer than " + MAX_RECORD_CHARS + " characters (unterminated quote?)");
      }
      if (quoted) {
        if (c == -1) {
          throw new MalformedCsvException(start, "unterminated quoted field");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            unread(d);
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (field.isEmpty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
          } else {
            field.append('"');
          }
        }
        case ',' -> {
          fields.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        }
        case '\r' -> {
          // part of CRLF; a lone CR is dropped as well
        }
        case '\n', -1 -> {
          fields.add(field.toString());
          if (c == '\n') {
            line++;
          }
          return new CsvRecord(start, fields);
        }
        default -> field.append((char) c);
      }
    }
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }

  private void unread(int c) {
    pushedBack = c;
  }

  /** The input cannot be read as CSV from this line on. */
  static final class MalformedCsvException extends IOException {
    private final long line;

    MalformedCsvException(long line, String message) {
      super("line " + line + ": " + message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }
}
