package dk.jobagent.ingest.bulkfile;

import dk.jobagent.schemas.CopenhagenDates;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code bulk_file} (V450), and the worker's Spring Batch rows of an upload's execution. */
@Repository
class BulkFileRepository {

  /** An upload as stored. */
  record Row(
      UUID id,
      String clientId,
      String requestId,
      String fileName,
      String storedName,
      Long sizeBytes,
      Long lineCount,
      String status,
      boolean startNow,
      OffsetDateTime createdAt,
      Long jobExecutionId,
      String detail) {}

  /** The newest execution of the upload's job instance (a restart adds executions). */
  record Execution(
      long id,
      long instanceId,
      String status,
      java.time.LocalDateTime startTime,
      java.time.LocalDateTime endTime,
      long readCount,
      java.time.LocalDateTime stepStart,
      java.time.LocalDateTime stepUpdated) {}

  private final JdbcClient jdbc;

  BulkFileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Reserves the x-requestId; throws DuplicateKeyException when the client already used it. */
  void reserve(
      UUID id, String clientId, String requestId, String fileName, String storedName, boolean now) {
    jdbc.sql(
            """
            insert into bulk_file (id, client_id, request_id, file_name, stored_name, status,
                                   start_now)
            values (:id, :client, :request, :name, :stored, 'UPLOADING', :now)
            """)
        .param("id", id)
        .param("client", clientId)
        .param("request", requestId)
        .param("name", fileName)
        .param("stored", storedName)
        .param("now", now)
        .update();
  }

  /** The file is in the inbox: RECEIVED (nightly run) or QUEUED (start now). */
  void placed(UUID id, long sizeBytes, long lineCount, boolean startNow) {
    jdbc.sql(
            """
            update bulk_file set status = :status, size_bytes = :size, line_count = :lines
             where id = :id and status = 'UPLOADING'
            """)
        .param("status", startNow ? "QUEUED" : "RECEIVED")
        .param("size", sizeBytes)
        .param("lines", lineCount)
        .param("id", id)
        .update();
  }

  void delete(UUID id) {
    jdbc.sql("delete from bulk_file where id = :id").param("id", id).update();
  }

  Optional<Row> find(UUID id, String clientId) {
    return jdbc.sql("select * from bulk_file where id = :id and client_id = :client")
        .param("id", id)
        .param("client", clientId)
        .query(BulkFileRepository::row)
        .optional();
  }

  Optional<Row> findByRequest(String clientId, String requestId) {
    return jdbc.sql("select * from bulk_file where client_id = :client and request_id = :request")
        .param("client", clientId)
        .param("request", requestId)
        .query(BulkFileRepository::row)
        .optional();
  }

  Optional<Execution> execution(long anyExecutionOfTheFile) {
    return jdbc.sql(
            """
            select e.job_execution_id, e.job_instance_id, e.status, e.start_time, e.end_time,
                   coalesce(s.read_count, 0) as read_count, s.start_time as step_start,
                   s.last_updated as step_updated
              from batch_job_execution first
              join lateral (select * from batch_job_execution x
                             where x.job_instance_id = first.job_instance_id
                             order by x.job_execution_id desc limit 1) e on true
              left join batch_step_execution s
                on s.job_execution_id = e.job_execution_id and s.step_name = 'lines'
             where first.job_execution_id = :id
            """)
        .param("id", anyExecutionOfTheFile)
        .query(
            (rs, n) ->
                new Execution(
                    rs.getLong("job_execution_id"),
                    rs.getLong("job_instance_id"),
                    rs.getString("status"),
                    local(rs.getTimestamp("start_time")),
                    local(rs.getTimestamp("end_time")),
                    rs.getLong("read_count"),
                    local(rs.getTimestamp("step_start")),
                    local(rs.getTimestamp("step_updated"))))
        .optional();
  }

  /** Committed line outcomes of a file (bulk_line_result.file_id is the job instance id). */
  Map<String, Long> lineCounts(long instanceId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "select status, count(*) as n from bulk_line_result where file_id = :f group by status")
        .param("f", instanceId)
        .query(
            rs -> {
              counts.put(rs.getString("status"), rs.getLong("n"));
            });
    return counts;
  }

  private static java.time.LocalDateTime local(Timestamp t) {
    return t == null ? null : t.toLocalDateTime();
  }

  private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp created = rs.getTimestamp("created_at");
    return new Row(
        rs.getObject("id", UUID.class),
        rs.getString("client_id"),
        rs.getString("request_id"),
        rs.getString("file_name"),
        rs.getString("stored_name"),
        (Long) rs.getObject("size_bytes"),
        (Long) rs.getObject("line_count"),
        rs.getString("status"),
        rs.getBoolean("start_now"),
        created.toInstant().atZone(CopenhagenDates.ZONE).toOffsetDateTime(),
        (Long) rs.getObject("job_execution_id"),
        rs.getString("detail"));
  }
}
