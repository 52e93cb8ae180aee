package dk.jobagent.worker.bulk;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a file's committed per-line results ({@code bulk_line_result}) for counts. */
@Repository
class BulkResultRepository {

  private final JdbcClient jdbc;

  BulkResultRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, Long> countsByStatus(long fileId) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql(
            "select status, count(*) as n from bulk_line_result where file_id = :f group by status")
        .param("f", fileId)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> {
                  counts.put(rs.getString("status"), rs.getLong("n"));
                });
    return counts;
  }

  /** Error and warning codes, how many lines carry each. */
  Map<Integer, Long> countsByCode(long fileId) {
    Map<Integer, Long> counts = new TreeMap<>();
    jdbc.sql(
            """
            select c, count(*) as n
              from bulk_line_result r,
                   unnest(r.codes || coalesce(r.warnings, '{}'::int[])) as c
             where r.file_id = :f
             group by c
            """)
        .param("f", fileId)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> {
                  counts.put(rs.getInt("c"), rs.getLong("n"));
                });
    return counts;
  }
}
