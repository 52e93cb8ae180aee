package dk.jobagent.worker.booking;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code booking_attempt} table (V360): bookings asked for whose request is not done yet. */
@Repository
class BookingAttemptRepository {

  record Attempt(String clientId, String requestId, String idempotencyKey, int cancelAttempts) {}

  private final JdbcClient jdbc;

  BookingAttemptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Notes a booking call under the key; a repeat (a retried command) keeps the first row. */
  void insertBooking(String clientId, String requestId, String key) {
    jdbc.sql(
            """
            insert into booking_attempt (client_id, request_id, idempotency_key, state)
            values (:client, :request, :key, 'BOOKING')
            on conflict (client_id, request_id) do nothing
            """)
        .param("client", clientId)
        .param("request", requestId)
        .param("key", key)
        .update();
  }

  /** The booking is committed with its enrolment change: nothing left to remember. */
  void delete(String clientId, String requestId) {
    jdbc.sql("delete from booking_attempt where client_id = :client and request_id = :request")
        .param("client", clientId)
        .param("request", requestId)
        .update();
  }

  /** Returns whether there was an attempt to give up. */
  boolean markCancelPending(String clientId, String requestId) {
    return jdbc.sql(
                """
            update booking_attempt
               set state = 'CANCEL_PENDING', updated_at = now(), next_attempt_at = now()
             where client_id = :client and request_id = :request
            """)
            .param("client", clientId)
            .param("request", requestId)
            .update()
        > 0;
  }

  /** Due cancels, locked for this transaction; rows another worker holds are skipped. */
  List<Attempt> claimDueCancels(int limit) {
    return jdbc.sql(
            """
            select client_id, request_id, idempotency_key, cancel_attempts
              from booking_attempt
             where state = 'CANCEL_PENDING' and next_attempt_at <= now()
             order by next_attempt_at
             limit :limit
               for update skip locked
            """)
        .param("limit", limit)
        .query(BookingAttemptRepository::attempt)
        .list();
  }

  /** One request's pending cancel, locked; empty when none is due or another worker holds it. */
  List<Attempt> claimCancel(String clientId, String requestId) {
    return jdbc.sql(
            """
            select client_id, request_id, idempotency_key, cancel_attempts
              from booking_attempt
             where client_id = :client and request_id = :request and state = 'CANCEL_PENDING'
               for update skip locked
            """)
        .param("client", clientId)
        .param("request", requestId)
        .query(BookingAttemptRepository::attempt)
        .list();
  }

  void cancelFailed(Attempt attempt, Duration wait, String error) {
    jdbc.sql(
            """
            update booking_attempt
               set cancel_attempts = cancel_attempts + 1, updated_at = now(),
                   next_attempt_at = now() + make_interval(secs => :seconds), last_error = :error
             where client_id = :client and request_id = :request
            """)
        .param("seconds", wait.toMillis() / 1000.0)
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .param("client", attempt.clientId())
        .param("request", attempt.requestId())
        .update();
  }

  long countPendingCancels() {
    return jdbc.sql("select count(*) from booking_attempt where state = 'CANCEL_PENDING'")
        .query(Long.class)
        .single();
  }

  private static Attempt attempt(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Attempt(
        rs.getString("client_id"),
        rs.getString("request_id"),
        rs.getString("idempotency_key"),
        rs.getInt("cancel_attempts"));
  }
}
