package dk.jobagent.worker.bulk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PgJDBC's {@code COPY … FROM STDIN} ({@code PGConnection.getCopyAPI().copyIn(sql)}), looked up
 * once by name: the worker has the driver as a runtime dependency only, and the rest of the module
 * talks plain JDBC. Only the calls {@link BinaryCopy} needs.
 */
final class PgCopy {

  private static final MethodHandle COPY_API;
  private static final MethodHandle COPY_IN;
  private static final MethodHandle WRITE;
  private static final MethodHandle END;
  private static final MethodHandle CANCEL;
  private static final MethodHandle ACTIVE;
  private static final Class<?> PG_CONNECTION;

  static {
    try {
      ClassLoader loader = PgCopy.class.getClassLoader();
      PG_CONNECTION = Class.forName("org.postgresql.PGConnection", false, loader);
      Class<?> manager = Class.forName("org.postgresql.copy.CopyManager", false, loader);
      Class<?> in = Class.forName("org.postgresql.copy.CopyIn", false, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      COPY_API = lookup.findVirtual(PG_CONNECTION, "getCopyAPI", MethodType.methodType(manager));
      COPY_IN = lookup.findVirtual(manager, "copyIn", MethodType.methodType(in, String.class));
      WRITE =
          lookup.findVirtual(
              in,
              "writeToCopy",
              MethodType.methodType(void.class, byte[].class, int.class, int.class));
      END = lookup.findVirtual(in, "endCopy", MethodType.methodType(long.class));
      CANCEL = lookup.findVirtual(in, "cancelCopy", MethodType.methodType(void.class));
      ACTIVE = lookup.findVirtual(in, "isActive", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private PgCopy() {}

  /** A running {@code COPY … FROM STDIN} on the connection. */
  static In copyIn(Connection connection, String sql) throws SQLException {
    Object pg = connection.unwrap(PG_CONNECTION);
    return new In(call(() -> COPY_IN.invoke(COPY_API.invoke(pg), sql)));
  }

  /** One COPY's input side. */
  static final class In {
    private final Object copy;

    private In(Object copy) {
      this.copy = copy;
    }

    void write(byte[] buf, int len) throws SQLException {
      call(() -> WRITE.invoke(copy, buf, 0, len));
    }

    /** Ends the data; returns the rows the server stored. */
    long end() throws SQLException {
      return (Long) call(() -> END.invoke(copy));
    }

    /** Abandons the COPY if it still runs (the caller rolls back). */
    void cancel() {
      try {
        call(
            () -> {
              if ((boolean) ACTIVE.invoke(copy)) {
                CANCEL.invoke(copy);
              }
              return null;
            });
      } catch (SQLException ignored) {
        // the statement failed anyway; the transaction is rolled back by the caller
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    Object run() throws Throwable;
  }

  private static Object call(Call call) throws SQLException {
    try {
      return call.run();
    } catch (SQLException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException(e);
    }
  }
}
