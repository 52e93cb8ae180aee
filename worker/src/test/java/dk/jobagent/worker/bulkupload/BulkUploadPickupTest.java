package dk.jobagent.worker.bulkupload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.jobagent.worker.WorkerIntegrationTest;
import dk.jobagent.worker.bulk.BulkLauncher;
import dk.jobagent.worker.bulk.BulkProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's half of an HTTP upload, end to end on the real database, broker and bulk job: a file
 * placed in the inbox with its bulk_file row exactly as ingest-api's upload leaves them (the upload
 * itself is proven in ingest-api's BulkFileUploadTest, whose result download reads the file this
 * job writes), then the pickup: QUEUED rows are started by {@link UploadPoller#tick()}, RECEIVED
 * rows started by the nightly scan get their execution linked.
 */
class BulkUploadPickupTest extends WorkerIntegrationTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger(5000);
  private static final List<Path> CREATED = new ArrayList<>();

  @Autowired UploadPoller poller;
  @Autowired BulkLauncher launcher;
  @Autowired BulkProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @AfterAll
  static void removeFiles() throws IOException {
    for (Path p : CREATED) {
      if (Files.exists(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  @Test
  void queuedUploadIsStartedAtOnceAndItsResultIsWritten() throws Exception {
    String client = newClient();
    String concept = occupation();
    List<String> lines = new ArrayList<>();
    String bad = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      lines.add(line(UUID.randomUUID().toString(), person(), concept));
    }
    lines.add("{\"requestId\":\"" + bad + "\",\"cpr\":\"x\",\"operation\":\"CREATE\"}");
    UUID id = placeUpload(client, lines, true, "QUEUED");

    poller.tick();

    // (the context's own poller may have been quicker than this tick: either one starts it)
    Long execution = awaitExecution(id);
    assertThat(statusOf(id)).isEqualTo("STARTED");
    await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(batchStatus(execution)));
    Path result = properties.outbox().resolve(client).resolve(id + ".jsonl.gz.result.jsonl");
    List<JsonNode> results = new ArrayList<>();
    for (String r : Files.readAllLines(result, StandardCharsets.UTF_8)) {
      results.add(json.readTree(r));
    }
    assertThat(results).hasSize(4);
    assertThat(results.subList(0, 3))
        .extracting(r -> r.get("status").asString())
        .containsOnly("COMPLETED");
    assertThat(results.get(3).get("status").asString()).isEqualTo("REJECTED");
    // what ingest-api's status reads: the line outcomes under the execution's job instance
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from bulk_line_result r
                      join batch_job_execution e on e.job_instance_id = r.file_id
                     where e.job_execution_id = :e
                    """)
                .param("e", execution)
                .query(Long.class)
                .single())
        .isEqualTo(4);
  }

  @Test
  void receivedUploadStartedByTheNightlyScanIsLinkedToItsExecution() throws Exception {
    String client = newClient();
    UUID id =
        placeUpload(
            client,
            List.of(line(UUID.randomUUID().toString(), person(), occupation())),
            false,
            "RECEIVED");
    poller.tick();
    assertThat(executionOf(id)).isNull(); // not started: it waits for the night

    // what the nightly InboxScanner does for this file
    long execution =
        launcher.start(properties.inbox().resolve(client).resolve(id + ".jsonl"), client).getId();
    poller.tick();

    assertThat(executionOf(id)).isEqualTo(execution);
    assertThat(statusOf(id)).isEqualTo("STARTED");
    await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(batchStatus(execution)));
  }

  @Test
  void queuedUploadWhoseFileIsMissingShowsWhy() throws Exception {
    String client = newClient();
    // a row whose file never reached this worker's inbox (e.g. the shared volume is not mounted)
    UUID id = UUID.randomUUID();
    insertRow(id, client, id + ".jsonl", 10, 1, "QUEUED");

    poller.tick();

    assertThat(statusOf(id)).isEqualTo("START_FAILED");
    assertThat(
            jdbc.sql("select detail from bulk_file where id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .contains("no readable file");
  }

  @Test
  void aClaimAbandonedByADeadWorkerIsQueuedAgain() throws Exception {
    String client = newClient();
    UUID id =
        placeUpload(
            client,
            List.of(line(UUID.randomUUID().toString(), person(), occupation())),
            false,
            "STARTED");
    jdbc.sql("update bulk_file set claimed_at = now() - interval '1 hour' where id = :id")
        .param("id", id)
        .update();

    poller.tick();

    Long execution = awaitExecution(id);
    await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(batchStatus(execution)));
  }

  // --- what ingest-api's upload leaves behind -------------------------------------------------

  private UUID placeUpload(String client, List<String> lines, boolean gzip, String status)
      throws IOException {
    UUID id = UUID.randomUUID();
    String stored = id + (gzip ? ".jsonl.gz" : ".jsonl");
    Path dir = properties.inbox().resolve(client);
    Files.createDirectories(dir);
    Path part = dir.resolve(stored + ".part");
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(part)) : Files.newOutputStream(part)) {
      out.write(bytes);
    }
    Files.move(part, dir.resolve(stored), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    insertRow(id, client, stored, Files.size(dir.resolve(stored)), lines.size(), status);
    return id;
  }

  private void insertRow(
      UUID id, String client, String stored, long size, int lines, String status) {
    jdbc.sql(
            """
            insert into bulk_file (id, client_id, request_id, file_name, stored_name, size_bytes,
                                   line_count, status, start_now)
            values (:id, :c, :r, 'upload.jsonl', :s, :size, :lines, :status, :now)
            """)
        .param("id", id)
        .param("c", client)
        .param("r", "upload-" + id)
        .param("s", stored)
        .param("size", size)
        .param("lines", lines)
        .param("status", status)
        .param("now", !status.equals("RECEIVED"))
        .update();
  }

  private Long awaitExecution(UUID id) {
    await().atMost(Duration.ofSeconds(20)).until(() -> executionOf(id) != null);
    return executionOf(id);
  }

  private String newClient() {
    String client = "upload-test-" + UUID.randomUUID().toString().substring(0, 8);
    CREATED.add(properties.inbox().resolve(client));
    CREATED.add(properties.outbox().resolve(client));
    CREATED.add(properties.archive().resolve(client));
    return client;
  }

  private String person() {
    int n = SEQUENCE.getAndIncrement();
    // born 1980-1989, day 01-28: always valid, never a real person's
    String cpr =
        "%02d%02d%02d%04d".formatted(1 + n % 28, 1 + (n / 28) % 12, 80 + (n / 336) % 10, n % 4000);
    jdbc.sql("insert into person (cpr, email) values (:c, 'citizen@example.dk')")
        .param("c", cpr)
        .update();
    return cpr;
  }

  private String occupation() {
    String uri = "http://data.europa.eu/esco/occupation/upload-test-" + UUID.randomUUID();
    jdbc.sql("insert into occupation (concept_uri, label, status) values (:u, 'Upload', 'Aktiv')")
        .param("u", uri)
        .update();
    return uri;
  }

  private String line(String requestId, String cpr, String concept) {
    return """
        {"requestId":"%s","cpr":"%s","operation":"CREATE","request":{\
        "ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"%s",\
        "CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG",\
        "Profession":[{"ConceptUriDa":"%s","HasEducation":true,"jobTargetIdentifier":"%s"}]}}"""
        .formatted(
            requestId,
            cpr,
            LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")),
            concept,
            UUID.randomUUID());
  }

  private Long executionOf(UUID id) {
    return jdbc.sql("select job_execution_id from bulk_file where id = :id")
        .param("id", id)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  private String statusOf(UUID id) {
    return jdbc.sql("select status from bulk_file where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private String batchStatus(long execution) {
    return jdbc.sql("select status from batch_job_execution where job_execution_id = :e")
        .param("e", execution)
        .query(String.class)
        .single();
  }
}
