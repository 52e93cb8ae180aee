package dk.jobagent.worker.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dk.jobagent.schemas.ReceiptLinks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <file>.result.jsonl} from the committed per-line results, in line order, streaming
 * (a cursor, constant memory). The file is written beside its final name and renamed into place, so
 * a reader never sees half a result file, and a rerun of this step simply writes it again.
 */
class ResultFileTasklet implements Tasklet {

  /** One result line (schemas/json/bulk-result-line.schema.json). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResultLine(
      long lineNumber,
      @JsonInclude(JsonInclude.Include.ALWAYS) String requestId,
      String status,
      List<Integer> codes,
      List<Integer> warnings,
      @JsonRawValue String fieldErrors,
      String receipt) {}

  private final long fileId;
  private final Path target;
  private final DataSource dataSource;
  private final JsonMapper json;

  ResultFileTasklet(long fileId, Path target, DataSource dataSource, JsonMapper json) {
    this.fileId = fileId;
    this.target = target;
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    try {
      Files.createDirectories(target.getParent());
      Path part = target.resolveSibling(target.getFileName() + ".part");
      try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(2000);
        jdbc.query(
            """
            select line_no, request_id, status, codes, warnings, field_errors::text as f
              from bulk_line_result where file_id = ? order by line_no
            """,
            rs -> {
              String requestId = rs.getString("request_id");
              ResultLine line =
                  new ResultLine(
                      rs.getLong("line_no"),
                      requestId,
                      rs.getString("status"),
                      ints(rs.getArray("codes")),
                      rs.getArray("warnings") == null ? null : ints(rs.getArray("warnings")),
                      rs.getString("f"),
                      requestId == null ? null : ReceiptLinks.receipt(requestId));
              try {
                out.write(json.writeValueAsString(line));
                out.write('\n');
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            fileId);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result file " + target.getFileName(), e);
    }
    return RepeatStatus.FINISHED;
  }

  private static List<Integer> ints(java.sql.Array array) throws java.sql.SQLException {
    List<Integer> list = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        list.add((Integer) o);
      }
    }
    return list;
  }
}
