package dk.jobagent.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.testing.BinJobagent;
import dk.jobagent.testing.BinJobagent.Run;
import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.bulk.BulkFaultHook;
import dk.jobagent.worker.bulk.BulkProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/jobagent batch run | list | stop | restart | recover} (SPEC §7, §8) run as the real
 * script against the worker's admin endpoints (through {@link MockMvcHttpBridge}): what each
 * prints, and what the executions and the enrolments look like in the database afterwards. Files
 * are a few lines (the stop test: one chunk and three lines), so each run takes about a second.
 */
class BinJobagentBatchTest extends WorkerIntegrationTest {

  private static final String ADMIN_TOKEN =
      DevTokens.mint("operator-test", DevTokens.SCOPE_ADMIN, "STAR");
  private static final List<Path> OUTPUTS = new ArrayList<>();
  private static final Set<Path> ROOTS = new LinkedHashSet<>();
  private static final AtomicInteger CPRS = new AtomicInteger();

  @Autowired WebApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired JobRepository jobRepository;
  @Autowired JobOperator jobOperator;
  @Autowired Job bulkEnrolmentJob;
  @Autowired BulkFaultHook faultHook;
  @Autowired BulkProperties bulk;
  @Autowired JsonMapper json;

  @TempDir Path temp;

  MockMvcHttpBridge worker;

  @BeforeEach
  void startBridge() throws IOException {
    worker =
        new MockMvcHttpBridge(
            MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build());
  }

  @AfterEach
  void stopBridge() {
    worker.close();
    faultHook.failChunkReaching(Long.MAX_VALUE); // disarmed, whatever a test left behind
  }

  /** The result and archive folders of this class's clients, and their parents when left empty. */
  @AfterAll
  static void removeOutputs() throws IOException {
    for (Path dir : OUTPUTS) {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
    // outbox and archive, then ./data/bulk and ./data: left as they were found when empty
    for (Path root : ROOTS) {
      deleteIfEmpty(root.toAbsolutePath());
    }
    for (Path root : ROOTS) {
      Path parent = root.toAbsolutePath().getParent();
      deleteIfEmpty(parent);
      deleteIfEmpty(parent.getParent());
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    if (dir != null && Files.isDirectory(dir)) {
      try (Stream<Path> children = Files.list(dir)) {
        if (children.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(dir);
    }
  }

  @Test
  void batchHelpNamesEverySubcommand() throws Exception {
    Run run = jobagent("batch", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("batch run FILE --client ID")
        .contains("list")
        .contains("restart ID")
        .contains("stop ID")
        .contains("recover ID");
    for (String sub : List.of("run", "stop", "restart", "recover")) {
      Run help = jobagent("batch", sub, "--help");
      assertThat(help.exit()).as("batch %s --help: %s", sub, help.err()).isZero();
      assertThat(help.out()).contains("usage: bin/jobagent batch " + sub);
    }
  }

  @Test
  void batchRunWithoutAClientFailsWithAClearMessage() throws Exception {
    Path file = bulkFile(newClient(), List.of(person()));

    Run run = jobagent("batch", "run", file.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--client ID is required");
  }

  @Test
  void batchRunStartsTheFileAndBatchListShowsItCompletedWithItsCounts() throws Exception {
    String client = newClient();
    List<String> known = persons(2);
    String unknown = "3112659999"; // not in the person register: 1010
    Path file = bulkFile(client, List.of(known.get(0), unknown, known.get(1)));

    Run started = jobagent("batch", "run", file.toString(), "--client", client);

    assertThat(started.exit()).as(started.err()).isZero();
    JsonNode execution = json.readTree(started.out());
    assertThat(execution.get("client").asString()).isEqualTo(client);
    assertThat(execution.get("file").asString()).isEqualTo(file.toString());
    long id = execution.get("id").asLong();
    awaitEnd(id);

    Run list = jobagent("batch", "list");

    assertThat(list.exit()).as(list.err()).isZero();
    JsonNode listed = find(list, id);
    assertThat(listed.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(listed.get("readCount").asLong()).isEqualTo(3);
    assertThat(listed.get("statuses").get("COMPLETED").asLong()).isEqualTo(2);
    assertThat(listed.get("statuses").get("REJECTED").asLong()).isEqualTo(1);
    assertThat(listed.get("codes").get("1010").asLong()).isEqualTo(1);
    assertThat(requestRows(client)).isEqualTo(3);
    assertThat(openEnrolments(known)).isEqualTo(2);
  }

  @Test
  void batchStopStopsARunningExecutionAndBatchRestartFinishesIt() throws Exception {
    String client = newClient();
    List<String> cprs = persons(1003); // one chunk of 1000 lines and three more
    Path file = bulkFile(client, cprs);
    long id;
    // Holding the result table keeps the first chunk from committing: the execution is running
    // for as long as this connection says, so the stop below always meets it mid-file.
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("lock table bulk_line_result in exclusive mode");
      }
      Run started = jobagent("batch", "run", file.toString(), "--client", client);
      assertThat(started.exit()).as(started.err()).isZero();
      id = json.readTree(started.out()).get("id").asLong();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  jdbc.sql(
                              "select count(*) from pg_locks where not granted"
                                  + " and relation = 'bulk_line_result'::regclass")
                          .query(Long.class)
                          .single()
                      > 0);

      Run stop = jobagent("batch", "stop", Long.toString(id));

      assertThat(stop.exit()).as(stop.err()).isZero();
      JsonNode stopping = json.readTree(stop.out());
      assertThat(stopping.get("id").asLong()).isEqualTo(id);
      // Spring Batch 6 marks the execution STOPPED at once; the chunk in flight still finishes
      assertThat(stopping.get("status").asString()).isIn("STOPPING", "STOPPED");
      blocker.rollback();
    }
    awaitThreadGone(file);
    JsonNode stopped = find(jobagent("batch", "list"), id);
    assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
    assertThat(stopped.get("readCount").asLong()).isEqualTo(1000); // the chunk in flight, no more
    assertThat(openEnrolments(cprs)).isEqualTo(1000);
    assertThat(file).exists(); // not archived: the execution did not end

    Run restart = jobagent("batch", "restart", Long.toString(id));

    assertThat(restart.exit()).as(restart.err()).isZero();
    JsonNode restarted = json.readTree(restart.out());
    long second = restarted.get("id").asLong();
    assertThat(second).isNotEqualTo(id);
    assertThat(restarted.get("fileId").asLong()).isEqualTo(stopped.get("fileId").asLong());
    awaitEnd(second);
    JsonNode done = find(jobagent("batch", "list"), second);
    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("readCount").asLong()).isEqualTo(3); // resumed after the committed chunk
    assertThat(done.get("statuses").get("COMPLETED").asLong()).isEqualTo(1003);
    assertThat(requestRows(client)).isEqualTo(1003);
    assertThat(openEnrolments(cprs)).isEqualTo(1003); // every line applied once, none twice
  }

  @Test
  void batchRecoverReleasesAnExecutionADeadProcessLeftStartedSoItCanBeRestarted() throws Exception {
    String client = newClient();
    List<String> cprs = persons(2);
    Path file = bulkFile(client, cprs);
    // The failed run is synchronous here, so its thread has written its last word before the
    // rows are made to look as a killed worker leaves them.
    faultHook.failChunkReaching(1);
    JobOperatorTestUtils batch = new JobOperatorTestUtils(jobOperator, jobRepository);
    batch.setJob(bulkEnrolmentJob);
    JobExecution failed =
        batch.startJob(
            new JobParametersBuilder()
                .addString("file", file.toString())
                .addString("client", client)
                .toJobParameters());
    assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
    long id = failed.getId();
    leftStartedByADeadProcess(id, file, client);
    assertThat(find(jobagent("batch", "list"), id).get("status").asString()).isEqualTo("STARTED");
    Run refused = jobagent("batch", "restart", Long.toString(id));
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("HTTP 409").contains("being processed");

    Run recover = jobagent("batch", "recover", Long.toString(id));

    assertThat(recover.exit()).as(recover.err()).isZero();
    assertThat(json.readTree(recover.out()).get("status").asString()).isEqualTo("FAILED");
    assertThat(
            jdbc.sql("select status from batch_step_execution where job_execution_id = :id")
                .param("id", id)
                .query(String.class)
                .list())
        .isNotEmpty()
        .containsOnly("FAILED");
    Run again = jobagent("batch", "recover", Long.toString(id));
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).contains("HTTP 409").contains("nothing to recover");

    Run restart = jobagent("batch", "restart", Long.toString(id));

    assertThat(restart.exit()).as(restart.err()).isZero();
    long second = json.readTree(restart.out()).get("id").asLong();
    awaitEnd(second);
    assertThat(find(jobagent("batch", "list"), second).get("status").asString())
        .isEqualTo("COMPLETED");
    assertThat(openEnrolments(cprs)).isEqualTo(2);
  }

  @Test
  void batchStopOfAnUnknownExecutionFailsWithThe404() throws Exception {
    Run run = jobagent("batch", "stop", "999999999");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("HTTP 404").contains("no bulk execution 999999999");
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** What kill -9 leaves behind: the execution and its steps STARTED, the file's lock held. */
  private void leftStartedByADeadProcess(long id, Path file, String client) {
    jdbc.sql(
            "update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN',"
                + " end_time = null where job_execution_id = :id")
        .param("id", id)
        .update();
    jdbc.sql(
            "update batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING',"
                + " end_time = null where job_execution_id = :id")
        .param("id", id)
        .update();
    jdbc.sql(
            "insert into bulk_file_lock (file_path, client_id, job_execution_id)"
                + " values (:p, :c, :id)")
        .param("p", file.toString())
        .param("c", client)
        .param("id", id)
        .update();
  }

  /** The execution's thread is done when its listener released the file's lock. */
  private void awaitThreadGone(Path file) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql("select count(*) from bulk_file_lock where file_path = :p")
                        .param("p", file.toString())
                        .query(Long.class)
                        .single()
                    == 0);
  }

  private void awaitEnd(long id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !jobRepository.getJobExecution(id).isRunning());
  }

  private JsonNode find(Run list, long id) {
    assertThat(list.exit()).as(list.err()).isZero();
    for (JsonNode e : json.readTree(list.out())) {
      if (e.get("id").asLong() == id) {
        return e;
      }
    }
    throw new AssertionError("execution " + id + " not listed: " + list.out());
  }

  private String newClient() {
    String client = "ops-batch-" + UUID.randomUUID().toString().substring(0, 8);
    OUTPUTS.add(bulk.outbox().resolve(client));
    OUTPUTS.add(bulk.archive().resolve(client));
    ROOTS.add(bulk.outbox());
    ROOTS.add(bulk.archive());
    return client;
  }

  private String person() {
    return persons(1).getFirst();
  }

  /** Registered citizens (with an e-mail), set-based; CPRs of 1965 with a 9xxx sequence. */
  private List<String> persons(int n) {
    List<String> cprs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = CPRS.getAndIncrement();
      cprs.add("%02d%02d659%03d".formatted(1 + k % 28, 1 + (k / 28) % 12, k / 336));
    }
    jdbc.sql(
            "insert into person (cpr, email) select c, 'ops.batch@example.dk'"
                + " from unnest(cast(:c as text[])) as u(c)")
        .param("c", cprs.toArray(String[]::new))
        .update();
    return cprs;
  }

  /** One CreateJobagent line per CPR (UDEN_YDELSE needs no profession), enrolling today. */
  private Path bulkFile(String client, List<String> cprs) throws IOException {
    String today = CopenhagenDates.dateOf(Instant.now()).toString();
    List<String> lines = new ArrayList<>();
    for (String cpr : cprs) {
      Map<String, Object> request = new HashMap<>();
      request.put("ClientCategoryTypeIdentifier", "UDEN_YDELSE");
      request.put("EnrollmentDate", today);
      request.put("CurrentUnemploymentStatusTypeIdentifier", "FULDT_LEDIG");
      lines.add(
          json.writeValueAsString(
              Map.of(
                  "requestId",
                  UUID.randomUUID().toString(),
                  "cpr",
                  cpr,
                  "operation",
                  "CREATE",
                  "request",
                  request)));
    }
    Path file = temp.resolve(client).resolve("nightly.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private long requestRows(String client) {
    return jdbc.sql("select count(*) from request where client_id = :c")
        .param("c", client)
        .query(Long.class)
        .single();
  }

  private long openEnrolments(List<String> cprs) {
    return jdbc.sql(
            "select count(*) from enrolment where cpr = any(cast(:c as bpchar[])) and end_date is"
                + " null")
        .param("c", cprs.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  private Run jobagent(String... args) throws Exception {
    return BinJobagent.worker(temp, worker.url(), ADMIN_TOKEN, args);
  }
}
