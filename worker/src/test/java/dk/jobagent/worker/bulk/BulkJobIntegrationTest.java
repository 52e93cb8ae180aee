package dk.jobagent.worker.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.schemas.security.DevTokens;
import dk.jobagent.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk job end to end against the module's PostgreSQL and RabbitMQ: results, receipts, effects
 * and replies of a mixed file; a failure mid-file and a restart; gzip; a second run; recovery of an
 * execution a crash left STARTED.
 */
class BulkJobIntegrationTest extends WorkerIntegrationTest {

  private static final List<Path> CREATED = new ArrayList<>();

  @Autowired JobOperator jobOperator;
  @Autowired JobRepository jobRepository;
  @Autowired Job bulkEnrolmentJob;
  @Autowired BulkLauncher launcher;
  @Autowired BulkFaultHook faultHook;
  @Autowired BulkProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired AmqpAdmin amqp;
  @Autowired RabbitTemplate rabbit;
  @Autowired WebApplicationContext web;
  @Autowired MeterRegistry meters;

  @TempDir Path dir;

  private JobOperatorTestUtils batch;
  private BulkTestData data;

  @BeforeEach
  void setUp() {
    batch = new JobOperatorTestUtils(jobOperator, jobRepository);
    batch.setJob(bulkEnrolmentJob);
    data = new BulkTestData(jdbc, json);
  }

  @AfterAll
  static void removeOutputs() throws IOException {
    for (Path p : CREATED) {
      if (Files.exists(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
    // the default outbox and archive (./data/bulk/...) are left as they were found when empty
    if (CREATED.size() >= 2) {
      Path outbox = CREATED.get(0).getParent();
      Path archive = CREATED.get(1).getParent();
      Path bulk = outbox.toAbsolutePath().getParent();
      for (Path p : List.of(outbox, archive, bulk, bulk.getParent())) {
        if (isEmptyDir(p)) {
          Files.delete(p);
        }
      }
    }
  }

  private static boolean isEmptyDir(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> children = Files.list(p)) {
      return children.findAny().isEmpty();
    }
  }

  @Test
  void mixedFileGivesOneResultPerLineInOrderWithReceiptsEffectsAndReplies() throws Exception {
    String client = newClient();
    String queue = replyQueue(client);
    String known = data.person();
    String bad = data.person();
    String unknown = BulkTestData.newCpr(); // not in the person register
    String first = BulkTestData.newRequestId();
    String seenBefore = BulkTestData.newRequestId();
    jdbc.sql(
            """
            insert into request (client_id, request_id, operation, cpr, access_category, body_hash,
                                 received_at, status)
            values (:c, :r, 'CREATE', :p, 'STAR', '\\x00', now(), 'PENDING')
            """)
        .param("c", client)
        .param("r", seenBefore)
        .param("p", known)
        .update();
    Map<String, Object> noCategory = data.createBody();
    noCategory.remove("ClientCategoryTypeIdentifier");
    String badCpr = BulkTestData.newRequestId();
    String schema = BulkTestData.newRequestId();
    String noPerson = BulkTestData.newRequestId();
    String second = BulkTestData.newRequestId();
    Path file =
        write(
            client,
            "mixed.jsonl",
            List.of(
                data.validLine(first, known),
                "{\"requestId\": \"broken",
                data.validLine(badCpr, "3213901234"),
                data.line(schema, bad, noCategory),
                data.validLine(first, known),
                data.validLine(seenBefore, known),
                data.validLine(noPerson, unknown),
                data.validLine(second, known),
                ""),
            false);

    JobExecution execution = run(file, client);

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    List<JsonNode> results = results(file, client);
    assertThat(results).hasSize(9);
    assertResult(results.get(0), 1, first, "COMPLETED");
    assertResult(results.get(1), 2, null, "REJECTED", 1014);
    assertResult(results.get(2), 3, badCpr, "REJECTED", 1001);
    assertResult(results.get(3), 4, schema, "REJECTED", 1014);
    assertResult(results.get(4), 5, first, "DUPLICATE");
    assertResult(results.get(5), 6, seenBefore, "DUPLICATE");
    assertResult(results.get(6), 7, noPerson, "REJECTED", 1010);
    assertResult(results.get(7), 8, second, "REJECTED", 4316);
    assertResult(results.get(8), 9, null, "REJECTED", 1014);
    assertThat(results.get(2).get("fieldErrors").toString()).contains("/cpr");
    assertThat(results.get(3).get("fieldErrors").toString())
        .contains("ClientCategoryTypeIdentifier");
    assertThat(results.get(0).get("receipt").asString()).isEqualTo("/v1/receipts/" + first);
    assertThat(results.get(1).has("receipt")).isFalse();

    // receipts: one request row per line that owns its requestId, final at once
    assertThat(receiptStatus(client, first)).isEqualTo("COMPLETED");
    assertThat(receiptStatus(client, badCpr)).isEqualTo("REJECTED");
    assertThat(receiptStatus(client, schema)).isEqualTo("REJECTED");
    assertThat(receiptStatus(client, noPerson)).isEqualTo("REJECTED");
    assertThat(receiptStatus(client, second)).isEqualTo("REJECTED");
    assertThat(receiptStatus(client, seenBefore)).isEqualTo("PENDING"); // untouched
    assertThat(
            jdbc.sql("select errors::text from request where client_id = :c and request_id = :r")
                .param("c", client)
                .param("r", second)
                .query(String.class)
                .single())
        .contains("4316");
    // audit: one BulkLine record per line stored as a request, none for duplicates
    assertThat(
            jdbc.sql(
                    """
                    select request_id || '/' || outcome || '/' || coalesce(code::text, '-')
                      from audit_event where actor = :c and operation = 'BulkLine'
                    """)
                .param("c", client)
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder(
            first + "/COMPLETED/-",
            badCpr + "/REJECTED/1001",
            schema + "/REJECTED/1014",
            noPerson + "/REJECTED/1010",
            second + "/REJECTED/4316");
    // effects: exactly one enrolment with its job wish
    assertThat(enrolments(List.of(known, bad, unknown))).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from job_wish w join enrolment e on e.id = w.enrolment_id
                     where e.cpr = :p
                    """)
                .param("p", known)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    // replies: 5 receipts and the summary on receipt.<clientId>
    List<Message> replies = awaitMessages(queue, 6);
    assertThat(replies).hasSize(6);
    // the AMQP type names the message of asyncapi.yaml
    assertThat(replies.stream().map(m -> m.getMessageProperties().getType()))
        .containsExactlyInAnyOrder(
            "Receipt", "Receipt", "Receipt", "Receipt", "Receipt", "BulkSummary");
    JsonNode summary =
        replies.stream()
            .map(m -> json.readTree(m.getBody()))
            .filter(n -> "bulk-summary".equals(n.path("type").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(summary.get("fileName").asString()).isEqualTo("mixed.jsonl");
    assertThat(summary.get("resultFile").asString()).isEqualTo("mixed.jsonl.result.jsonl");
    assertThat(summary.get("counts").toString())
        .isEqualTo(
            json.readTree(
                    "{\"total\":9,\"completed\":1,\"rejected\":6,\"failed\":0,\"duplicates\":2,"
                        + "\"pending\":0}")
                .toString());
    assertThat(summary.get("fileId").asString())
        .isEqualTo(Long.toString(execution.getJobInstanceId()));
    // the input left the inbox for the archive
    assertThat(file).doesNotExist();
    assertThat(BulkFiles.archiveDir(properties, client).resolve("mixed.jsonl")).exists();
  }

  @Test
  void aFailureMidFileAndARestartLoseNoLineAndApplyNoneTwice() throws Exception {
    String client = newClient();
    String queue = replyQueue(client);
    List<String> cprs = data.persons(2500);
    Path file = validFile(client, "restart.jsonl", cprs, false);
    faultHook.failChunkReaching(1500); // the second chunk (lines 1001-2000) fails before commit

    JobExecution failed = run(file, client);

    assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(resultCount(failed.getJobInstanceId())).isEqualTo(1000);
    assertThat(enrolments(cprs)).isEqualTo(1000);
    assertThat(requestRows(client)).isEqualTo(1000);
    assertThat(file).exists(); // not archived: it is restartable

    JobExecution restarted = jobOperator.restart(failed);

    assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
    assertThat(resultCount(failed.getJobInstanceId())).isEqualTo(2500);
    assertThat(enrolments(cprs)).isEqualTo(2500);
    assertThat(requestRows(client)).isEqualTo(2500);
    List<JsonNode> results = results(file, client);
    assertThat(results).hasSize(2500);
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).get("lineNumber").asLong()).isEqualTo(i + 1);
      assertThat(results.get(i).get("status").asString()).isEqualTo("COMPLETED");
    }
    // 2500 receipts, and a summary for each of the two executions (FAILED, then COMPLETED)
    List<Message> replies = awaitMessages(queue, 2502);
    assertThat(replies).hasSize(2502);
    assertThat(
            replies.stream()
                .map(m -> json.readTree(m.getBody()).path("requestId").asString(null))
                .filter(id -> id != null)
                .distinct()
                .count())
        .isEqualTo(2500);
  }

  @Test
  void readsGzipFiles() throws Exception {
    String client = newClient();
    List<String> cprs = data.persons(3);
    Path file = validFile(client, "nightly.jsonl.gz", cprs, true);
    double linesBefore = meters.counter("jobagent.bulk.lines").count();

    JobExecution execution = run(file, client);

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    // the lines-per-second metric is this counter's rate
    assertThat(meters.counter("jobagent.bulk.lines").count() - linesBefore)
        .isGreaterThanOrEqualTo(3);
    List<JsonNode> results = results(file, client);
    assertThat(results).extracting(r -> r.get("status").asString()).containsOnly("COMPLETED");
    assertThat(results).hasSize(3);
    assertThat(enrolments(cprs)).isEqualTo(3);
  }

  @Test
  void aSecondRunOfTheSameLinesIsAllDuplicates() throws Exception {
    String client = newClient();
    List<String> cprs = data.persons(3);
    List<String> lines =
        List.of(
            data.validLine(BulkTestData.newRequestId(), cprs.get(0)),
            data.validLine(BulkTestData.newRequestId(), "9999999999"),
            data.validLine(BulkTestData.newRequestId(), cprs.get(1)),
            data.validLine(BulkTestData.newRequestId(), BulkTestData.newCpr()));
    Path file = write(client, "first.jsonl", lines, false);
    assertThat(run(file, client).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(results(file, client))
        .extracting(r -> r.get("status").asString())
        .containsExactly("COMPLETED", "REJECTED", "COMPLETED", "REJECTED");

    Path again = write(client, "again.jsonl", lines, false);
    JobExecution second = run(again, client);

    assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(results(again, client))
        .extracting(r -> r.get("status").asString())
        .containsExactly("DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE");
    assertThat(enrolments(cprs)).isEqualTo(2);
    assertThat(requestRows(client)).isEqualTo(4);
  }

  @Test
  void aStoppedExecutionWhoseChunkStillRunsKeepsTheFileLocked() throws Exception {
    String client = newClient();
    List<String> cprs = data.persons(1200);
    Path file = validFile(client, "stopping.jsonl", cprs, false);
    faultHook.failChunkReaching(1200);
    JobExecution failed = run(file, client);
    // what `batch stop` leaves while the chunk in flight still writes: the execution already
    // STOPPED, its lines step still STARTED
    jdbc.sql("update batch_job_execution set status = 'STOPPED' where job_execution_id = :id")
        .param("id", failed.getId())
        .update();
    jdbc.sql(
            "update batch_step_execution set status = 'STARTED', end_time = null"
                + " where job_execution_id = :id and step_name = 'lines'")
        .param("id", failed.getId())
        .update();
    lockAsRunning(file, client, failed.getId());

    assertThatThrownBy(() -> launcher.restart(failed.getId()))
        .hasMessageContaining("being processed");

    // once the step has ended too, the file is free again
    jdbc.sql(
            "update batch_step_execution set status = 'STOPPED', end_time = now()"
                + " where job_execution_id = :id")
        .param("id", failed.getId())
        .update();
    JobExecution restarted = awaitEnd(launcher.restart(failed.getId()));
    assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(resultCount(failed.getJobInstanceId())).isEqualTo(1200);
  }

  @Test
  void recoverMarksACrashedExecutionFailedSoItCanBeRestarted() throws Exception {
    String client = newClient();
    List<String> cprs = data.persons(1200);
    Path file = validFile(client, "crash.jsonl", cprs, false);
    faultHook.failChunkReaching(1200);
    JobExecution failed = run(file, client);
    assertThat(resultCount(failed.getJobInstanceId())).isEqualTo(1000);
    // what kill -9 leaves behind: the execution and its step STARTED, no end time
    jdbc.sql(
            "update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time ="
                + " null where job_execution_id = :id")
        .param("id", failed.getId())
        .update();
    jdbc.sql(
            "update batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING', end_time"
                + " = null where job_execution_id = :id")
        .param("id", failed.getId())
        .update();
    lockAsRunning(file, client, failed.getId());
    // while it looks running, nobody may start or restart the file
    assertThatThrownBy(() -> launcher.restart(failed.getId()))
        .hasMessageContaining("being processed");

    JobExecution recovered = launcher.recover(failed.getId());

    assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
    JobExecution reread = jobRepository.getJobExecution(failed.getId());
    assertThat(reread.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(reread.getStepExecutions())
        .extracting(StepExecution::getStatus)
        .containsOnly(BatchStatus.FAILED);
    JobExecution restarted = awaitEnd(launcher.restart(failed.getId()));
    assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(resultCount(failed.getJobInstanceId())).isEqualTo(1200);
    assertThat(enrolments(cprs)).isEqualTo(1200);
    assertThat(results(file, client)).hasSize(1200);
  }

  @Test
  void adminEndpointsRunListAndRefuseWithProblems() throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(web).apply(springSecurity()).build();
    String admin =
        "Bearer " + DevTokens.mint("ops", DevTokens.SCOPE_ADMIN, "STAR", Duration.ofMinutes(5));
    String writer =
        "Bearer " + DevTokens.mint("ops", DevTokens.SCOPE_WRITE, "STAR", Duration.ofMinutes(5));
    String client = newClient();
    List<String> cprs = data.persons(2);
    Path file =
        write(
            client,
            "admin.jsonl",
            List.of(
                data.validLine(BulkTestData.newRequestId(), cprs.get(0)),
                data.validLine(BulkTestData.newRequestId(), cprs.get(1))),
            false);
    String body = "{\"file\":\"" + file + "\",\"client\":\"" + client + "\"}";

    mvc.perform(
            post("/admin/batch/executions").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/admin/batch/executions")
                .header("Authorization", writer)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isForbidden());
    String started =
        mvc.perform(
                post("/admin/batch/executions")
                    .header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.client").value(client))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long id = json.readTree(started).get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !jobRepository.getJobExecution(id).isRunning());

    mvc.perform(get("/admin/batch/executions").header("Authorization", admin))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.id == " + id + ")].status").value("COMPLETED"))
        .andExpect(jsonPath("$[?(@.id == " + id + ")].readCount").value(2))
        .andExpect(jsonPath("$[?(@.id == " + id + ")].statuses.COMPLETED").value(2));
    mvc.perform(post("/admin/batch/executions/" + id + "/restart").header("Authorization", admin))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(post("/admin/batch/executions/" + id + "/recover").header("Authorization", admin))
        .andExpect(status().isConflict());
    mvc.perform(post("/admin/batch/executions/" + id + "/stop").header("Authorization", admin))
        .andExpect(status().isConflict());
    mvc.perform(get("/admin/batch/executions/999999999").header("Authorization", admin))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404));
    mvc.perform(
            post("/admin/batch/executions")
                .header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"file\":\"relative.jsonl\",\"client\":\"" + client + "\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            post("/admin/batch/executions")
                .header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"file\":\"" + file + "\",\"client\":\"../etc\"}"))
        .andExpect(status().isBadRequest());
    assertThat(enrolments(cprs)).isEqualTo(2);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String newClient() {
    String client = BulkTestData.newClientId();
    CREATED.add(properties.outbox().resolve(client));
    CREATED.add(properties.archive().resolve(client));
    return client;
  }

  private JobExecution run(Path file, String clientId) throws Exception {
    return batch.startJob(BulkLauncher.parameters(file, clientId));
  }

  /** A file of one valid line per citizen, each with its own requestId. */
  private Path validFile(String client, String name, List<String> cprs, boolean gzip)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (String cpr : cprs) {
      lines.add(data.validLine(BulkTestData.newRequestId(), cpr));
    }
    return write(client, name, lines, gzip);
  }

  /** The file's lock row, naming the execution as its holder, as a running launch leaves it. */
  private void lockAsRunning(Path file, String client, long executionId) {
    jdbc.sql(
            "insert into bulk_file_lock (file_path, client_id, job_execution_id) values (:p, :c,"
                + " :id)")
        .param("p", file.toString())
        .param("c", client)
        .param("id", executionId)
        .update();
  }

  /** The execution as it is once it no longer runs (an asynchronous launch). */
  private JobExecution awaitEnd(JobExecution execution) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !jobRepository.getJobExecution(execution.getId()).isRunning());
    return jobRepository.getJobExecution(execution.getId());
  }

  private Path write(String client, String name, List<String> lines, boolean gzip)
      throws IOException {
    Path file = dir.resolve(client).resolve(name);
    Files.createDirectories(file.getParent());
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(bytes);
      }
    } else {
      Files.write(file, bytes);
    }
    return file;
  }

  private List<JsonNode> results(Path input, String client) throws IOException {
    Path result = BulkFiles.resultFile(properties, client, input);
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
      nodes.add(json.readTree(line));
    }
    return nodes;
  }

  private static void assertResult(
      JsonNode result, long lineNo, String requestId, String status, Integer... codes) {
    assertThat(result.get("lineNumber").asLong()).isEqualTo(lineNo);
    assertThat(result.has("requestId")).isTrue();
    assertThat(result.get("requestId").isNull() ? null : result.get("requestId").asString())
        .isEqualTo(requestId);
    assertThat(result.get("status").asString()).isEqualTo(status);
    List<Integer> actual = new ArrayList<>();
    result.get("codes").forEach(c -> actual.add(c.asInt()));
    assertThat(actual).containsExactly(codes);
  }

  private String receiptStatus(String client, String requestId) {
    return jdbc.sql("select status from request where client_id = :c and request_id = :r")
        .param("c", client)
        .param("r", requestId)
        .query(String.class)
        .single();
  }

  private long enrolments(List<String> cprs) {
    return jdbc.sql("select count(*) from enrolment where cpr = any(cast(:c as bpchar[]))")
        .param("c", cprs.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  private long requestRows(String client) {
    return jdbc.sql("select count(*) from request where client_id = :c")
        .param("c", client)
        .query(Long.class)
        .single();
  }

  private long resultCount(long fileId) {
    return jdbc.sql("select count(*) from bulk_line_result where file_id = :f")
        .param("f", fileId)
        .query(Long.class)
        .single();
  }

  private String replyQueue(String clientId) {
    Queue queue =
        new Queue(
            "test-bulk-" + UUID.randomUUID(), false, false, false, Map.of("x-expires", 300_000));
    amqp.declareQueue(queue);
    amqp.declareBinding(
        new Binding(
            queue.getName(),
            Binding.DestinationType.QUEUE,
            Topology.RECEIPT_EXCHANGE,
            Topology.receiptRoutingKey(clientId),
            null));
    return queue.getName();
  }

  private List<Message> awaitMessages(String queue, int expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> amqp.getQueueInfo(queue).getMessageCount() >= expected);
    List<Message> messages = new ArrayList<>();
    Message m;
    while ((m = rabbit.receive(queue, 500)) != null) {
      messages.add(m);
    }
    return messages;
  }
}
