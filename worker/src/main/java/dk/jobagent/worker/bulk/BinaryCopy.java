package dk.jobagent.worker.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Rows for one {@code COPY … FROM STDIN (FORMAT binary)} (PostgreSQL's binary copy format), sent to
 * the server in pieces of {@link #FLUSH_BYTES} while they are built: no per-chunk byte array of a
 * megabyte (those were G1 humongous allocations, each a GC trigger), no text escaping, and the
 * server parses no dates, numbers or UUIDs. Field values follow the types' binary send formats;
 * jsonb is its version byte (1) and the JSON text, which the server parses as for text input.
 *
 * <p>Not thread-safe; one instance per statement, in the caller's transaction and connection.
 * PgJDBC's copy API is reached through {@link PgCopy}: the driver is a runtime dependency.
 */
final class BinaryCopy {

  static final int FLUSH_BYTES = 1 << 16;

  /** PostgreSQL's epoch (2000-01-01) in Unix microseconds and days. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final int INT4_OID = 23;
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private final PgCopy.In copy;
  private byte[] buf = new byte[FLUSH_BYTES + 1024];
  private int len;
  private long rows;

  private BinaryCopy(PgCopy.In copy) {
    this.copy = copy;
    System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
    len = HEADER.length;
  }

  /** Starts {@code COPY <target> FROM STDIN (FORMAT binary)}; target is "table (columns)". */
  static BinaryCopy start(Connection connection, String target) throws SQLException {
    return new BinaryCopy(
        PgCopy.copyIn(connection, "copy " + target + " from stdin (format binary)"));
  }

  BinaryCopy row(int fields) throws SQLException {
    if (len >= FLUSH_BYTES) {
      flush();
    }
    rows++;
    ensure(2);
    putShort(fields);
    return this;
  }

  BinaryCopy nul() {
    ensure(4);
    putInt(-1);
    return this;
  }

  BinaryCopy text(String value) {
    return value == null ? nul() : bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  BinaryCopy bytes(byte[] value) {
    if (value == null) {
      return nul();
    }
    ensure(4 + value.length);
    putInt(value.length);
    System.arraycopy(value, 0, buf, len, value.length);
    len += value.length;
    return this;
  }

  /** A jsonb value from JSON text (null: SQL NULL). */
  BinaryCopy jsonb(String json) {
    if (json == null) {
      return nul();
    }
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    ensure(5 + text.length);
    putInt(text.length + 1);
    buf[len++] = 1; // jsonb binary format version
    System.arraycopy(text, 0, buf, len, text.length);
    len += text.length;
    return this;
  }

  BinaryCopy int4(Integer value) {
    if (value == null) {
      return nul();
    }
    ensure(8);
    putInt(4);
    putInt(value);
    return this;
  }

  BinaryCopy int8(long value) {
    ensure(12);
    putInt(8);
    putLong(value);
    return this;
  }

  BinaryCopy bool(boolean value) {
    ensure(5);
    putInt(1);
    buf[len++] = (byte) (value ? 1 : 0);
    return this;
  }

  BinaryCopy uuid(UUID value) {
    if (value == null) {
      return nul();
    }
    ensure(20);
    putInt(16);
    putLong(value.getMostSignificantBits());
    putLong(value.getLeastSignificantBits());
    return this;
  }

  BinaryCopy date(LocalDate value) {
    if (value == null) {
      return nul();
    }
    ensure(8);
    putInt(4);
    putInt(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAYS));
    return this;
  }

  /** A timestamptz, in PostgreSQL's microseconds (the instant must be whole microseconds). */
  BinaryCopy timestamptz(Instant value) {
    if (value == null) {
      return nul();
    }
    if (value.getNano() % 1000 != 0) {
      throw new IllegalArgumentException("timestamptz holds microseconds: truncate first");
    }
    ensure(12);
    putInt(8);
    putLong(
        Math.addExact(
                Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000)
            - PG_EPOCH_MICROS);
    return this;
  }

  /** A one-dimensional int4[] without nulls; an empty list is the empty array. */
  BinaryCopy int4Array(List<Integer> values) {
    if (values == null) {
      return nul();
    }
    int n = values.size();
    if (n == 0) {
      ensure(16);
      putInt(12);
      putInt(0); // dimensions
      putInt(0); // flags: no nulls
      putInt(INT4_OID);
      return this;
    }
    ensure(4 + 20 + 8 * n);
    putInt(20 + 8 * n);
    putInt(1);
    putInt(0);
    putInt(INT4_OID);
    putInt(n);
    putInt(1); // lower bound
    for (Integer v : values) {
      putInt(4);
      putInt(v);
    }
    return this;
  }

  /** Ends the COPY; returns the rows the server stored. */
  long finish() throws SQLException {
    ensure(2);
    putShort(-1); // file trailer
    flush();
    long stored = copy.end();
    if (stored != rows) {
      throw new IllegalStateException("COPY stored " + stored + " of " + rows + " rows");
    }
    return stored;
  }

  /** Abandons the COPY (the statement fails; the caller rolls back). */
  void cancel() {
    copy.cancel();
  }

  private void flush() throws SQLException {
    if (len > 0) {
      copy.write(buf, len);
      len = 0;
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private void putShort(int v) {
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putInt(int v) {
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
