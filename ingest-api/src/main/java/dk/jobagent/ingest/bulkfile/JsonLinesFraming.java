package dk.jobagent.ingest.bulkfile;

/**
 * Checks a JSON Lines stream at the framing level while it streams, without holding a line in
 * memory: the bytes are well-formed UTF-8 and every non-blank line starts with '{' and ends with
 * '}' (surrounding whitespace allowed). The lines' content is checked by the worker, line by line,
 * where a bad line is reported and skipped instead of refusing the whole file.
 */
final class JsonLinesFraming {

  /** The stream is not JSON Lines; {@code line} is 1-based. */
  static final class FramingException extends RuntimeException {
    final long line;

    FramingException(long line, String message) {
      super("line " + line + ": " + message, null, false, false);
      this.line = line;
    }
  }

  private long line = 1;
  private long nonBlankLines;
  // UTF-8 state: continuation bytes still expected, and the allowed range of the next one
  private int pending;
  private int nextMin = 0x80;
  private int nextMax = 0xBF;
  // the current line's first and last non-whitespace bytes (-1: none yet)
  private int first = -1;
  private int last = -1;

  void accept(byte[] buffer, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      int b = buffer[i] & 0xFF;
      if (pending > 0) {
        if (b < nextMin || b > nextMax) {
          throw new FramingException(line, "not UTF-8");
        }
        pending--;
        nextMin = 0x80;
        nextMax = 0xBF;
        last = b;
        continue;
      }
      if (b < 0x80) {
        ascii(b);
      } else {
        lead(b);
        if (first < 0) {
          first = b;
        }
        last = b;
      }
    }
  }

  private void ascii(int b) {
    if (b == '\n') {
      endLine();
    } else if (b != ' ' && b != '\t' && b != '\r') {
      if (first < 0) {
        first = b;
      }
      last = b;
    }
  }

  // Lead bytes and the range of their first continuation byte (no overlongs, no surrogates, no
  // code points above U+10FFFF), per RFC 3629.
  private void lead(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      pending = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      pending = 2;
      nextMin = b == 0xE0 ? 0xA0 : 0x80;
      nextMax = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
      pending = 3;
      nextMin = b == 0xF0 ? 0x90 : 0x80;
      nextMax = b == 0xF4 ? 0x8F : 0xBF;
    } else {
      throw new FramingException(line, "not UTF-8");
    }
  }

  private void endLine() {
    if (first >= 0) {
      if (first != '{' || last != '}') {
        throw new FramingException(line, "a line must be one JSON object ({…})");
      }
      nonBlankLines++;
    }
    first = -1;
    last = -1;
    line++;
  }

  /** Ends the stream (the last line need not end in a newline); returns the non-blank lines. */
  long finish() {
    if (pending > 0) {
      throw new FramingException(line, "not UTF-8 (truncated character)");
    }
    endLine();
    if (nonBlankLines == 0) {
      throw new FramingException(1, "the file has no lines");
    }
    return nonBlankLines;
  }
}
