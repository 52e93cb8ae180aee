package dk.jobagent.worker.bulkupload;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code bulk_file} (V450, written by ingest-api's upload) as the worker moves it on. */
@Repository
class UploadRepository {

  /** An upload claimed for starting. */
  record Claimed(UUID id, String clientId, String storedName) {}

  private final JdbcClient jdbc;

  UploadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the oldest QUEUED upload: one statement, so the row lock of {@code FOR UPDATE SKIP
   * LOCKED} is held only for the claim and another worker instance takes the next row instead of
   * waiting. The launch itself runs outside any transaction (Spring Batch refuses to create an
   * execution inside one).
   */
  Optional<Claimed> claimNext() {
    return jdbc.sql(
            """
            update bulk_file set status = 'STARTED', claimed_at = now()
             where id = (select id from bulk_file where status = 'QUEUED'
                          order by created_at limit 1 for update skip locked)
            returning id, client_id, stored_name
            """)
        .query(
            (rs, n) ->
                new Claimed(
                    rs.getObject("id", UUID.class),
                    rs.getString("client_id"),
                    rs.getString("stored_name")))
        .optional();
  }

  void launched(UUID id, long executionId) {
    jdbc.sql("update bulk_file set job_execution_id = :e, detail = null where id = :id")
        .param("e", executionId)
        .param("id", id)
        .update();
  }

  void startFailed(UUID id, String detail) {
    jdbc.sql(
            """
            update bulk_file set status = 'START_FAILED', detail = :d
             where id = :id and job_execution_id is null
            """)
        .param("d", detail.length() > 1000 ? detail.substring(0, 1000) : detail)
        .param("id", id)
        .update();
  }

  /**
   * Names the execution of uploads that were started by someone else (the nightly inbox scan, an
   * operator) or whose launch lost a race: Spring Batch records the file's absolute path as the
   * identifying job parameter {@code file} (BulkJobConfiguration.PARAM_FILE), and the upload's path
   * in this worker's view is {@code <inbox>/<client_id>/<stored_name>}.
   */
  int linkStartedElsewhere(String inboxPrefix) {
    return jdbc.sql(
            """
            update bulk_file b set status = 'STARTED', job_execution_id = found.execution_id,
                                   detail = null
              from (select w.id,
                           (select max(p.job_execution_id) from batch_job_execution_params p
                             where p.parameter_name = 'file'
                               and p.parameter_value = :prefix || w.client_id || '/'
                                                       || w.stored_name) as execution_id
                      from bulk_file w
                     where w.status in ('RECEIVED', 'QUEUED', 'START_FAILED')
                        or (w.status = 'STARTED' and w.job_execution_id is null)) found
             where b.id = found.id and found.execution_id is not null
            """)
        .param("prefix", inboxPrefix)
        .update();
  }

  /** Queues again what a dead worker claimed but never launched. */
  int requeueAbandonedClaims(Duration grace) {
    return jdbc.sql(
            """
            update bulk_file set status = 'QUEUED', claimed_at = null
             where status = 'STARTED' and job_execution_id is null
               and claimed_at < now() - make_interval(secs => :grace)
            """)
        .param("grace", grace.toSeconds())
        .update();
  }
}
