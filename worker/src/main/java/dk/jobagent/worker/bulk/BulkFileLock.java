package dk.jobagent.worker.bulk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The database guard that one file is processed by one execution at a time (table {@code
 * bulk_file_lock}), across operators, the cron and worker instances. A lock is free when its row is
 * absent, names an execution that is no longer running, or was taken by a launch that never named
 * its execution within five minutes (the launching process died). "No longer running" includes its
 * steps: {@code batch stop} marks the execution STOPPED while the chunk in flight still writes, and
 * a restart must not start the file's lines again beside it.
 */
@Repository
class BulkFileLock {

  private final JdbcClient jdbc;

  BulkFileLock(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes the lock for a launch; false when another execution holds it. */
  boolean acquire(String filePath, String clientId) {
    return jdbc.sql(
            """
                insert into bulk_file_lock as l (file_path, client_id, job_execution_id, locked_at)
                values (:path, :client, null, now())
                on conflict (file_path) do update
                   set client_id = excluded.client_id, job_execution_id = null, locked_at = now()
                 where (l.job_execution_id is null and l.locked_at < now() - interval '5 minutes')
                    or (l.job_execution_id is not null and not exists (
                          select 1 from batch_job_execution e
                           where e.job_execution_id = l.job_execution_id
                             and (e.status in ('STARTING', 'STARTED', 'STOPPING')
                                  or exists (
                                       select 1 from batch_step_execution s
                                        where s.job_execution_id = e.job_execution_id
                                          and s.status in ('STARTING', 'STARTED', 'STOPPING')))))
                returning file_path
                """)
        .param("path", filePath)
        .param("client", clientId)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /** Names the execution that holds the lock (once it exists). */
  void attach(String filePath, long executionId) {
    jdbc.sql(
            """
            update bulk_file_lock set job_execution_id = :id
             where file_path = :path and job_execution_id is null
            """)
        .param("id", executionId)
        .param("path", filePath)
        .update();
  }

  /** Releases the lock of an execution that ended (or of a launch that failed). */
  void release(String filePath, Long executionId) {
    jdbc.sql(
            """
            delete from bulk_file_lock
             where file_path = :path and (job_execution_id is null or job_execution_id = :id)
            """)
        .param("path", filePath)
        .param("id", executionId == null ? -1L : executionId)
        .update();
  }
}
