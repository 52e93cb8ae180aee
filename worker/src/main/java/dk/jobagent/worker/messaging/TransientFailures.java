package dk.jobagent.worker.messaging;

import dk.jobagent.worker.enrolment.ConcurrentEnrolmentChangeException;
import dk.jobagent.worker.enrolment.PersonRegisterUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are worth another attempt: the database or the person register being away for a
 * moment, a deadlock or serialization failure, a race for a citizen's one open enrolment. Anything
 * else (a bug, bad data) would fail the same way again, so it fails at once.
 */
final class TransientFailures {

  private TransientFailures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PersonRegisterUnavailableException
          || t instanceof ConcurrentEnrolmentChangeException
          // deadlocks, lock and query timeouts, serialization failures
          || t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          // no connection (CannotGetJdbcConnectionException) or the database went away
          || t instanceof DataAccessResourceFailureException
          || t instanceof CannotCreateTransactionException
          // commit failed (e.g. connection lost): the retry finds out whether it committed
          || t instanceof TransactionSystemException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && transientSqlState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** 08: connection, 40: deadlock/serialization, 53: resources, 57P: operator shutdown. */
  private static boolean transientSqlState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.startsWith("40")
            || state.startsWith("53")
            || state.startsWith("57P"));
  }
}
