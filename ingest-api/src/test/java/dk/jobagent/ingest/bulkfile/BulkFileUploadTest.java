package dk.jobagent.ingest.bulkfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dk.jobagent.ingest.IngestTestBase;
import dk.jobagent.ingest.web.ApiProblem;
import dk.jobagent.schemas.validation.ContractSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * POST /v1/bulk-files and the status and result around it, on the running application. The worker
 * is not running in this module: where a test needs a started or finished file it writes what the
 * worker would (Spring Batch rows, bulk_line_result rows, the result file); the real pickup is
 * proven end to end in the worker's BulkUploadPickupTest.
 */
class BulkFileUploadTest extends IngestTestBase {

  private static final List<Path> CLIENT_DIRS = new ArrayList<>();
  private static BulkUploadProperties dirs;

  @Autowired BulkUploadProperties properties;

  @AfterAll
  static void removeClientFolders() throws IOException {
    for (Path dir : CLIENT_DIRS) {
      deleteTree(dir);
    }
    // the default ./data/bulk/{inbox,outbox} are removed again when this test made them
    if (dirs != null) {
      for (Path p :
          List.of(
              dirs.inbox(),
              dirs.outbox(),
              dirs.inbox().toAbsolutePath().getParent(),
              dirs.inbox().toAbsolutePath().getParent().getParent())) {
        try (Stream<Path> s = Files.exists(p) ? Files.list(p) : Stream.empty()) {
          if (Files.exists(p) && s.findAny().isEmpty()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private Path inbox(String client) {
    dirs = properties;
    Path dir = properties.inbox().resolve(client);
    CLIENT_DIRS.add(dir);
    CLIENT_DIRS.add(properties.outbox().resolve(client));
    return dir;
  }

  static String lines(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("{\"requestId\":\"line-")
          .append(i)
          .append("\",\"cpr\":\"0101901234\",\"operation\":\"CREATE\",\"request\":{}}\n");
    }
    return b.toString();
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private HttpResponse<String> upload(
      String client, String requestId, String query, byte[] body, boolean gzip) {
    HttpRequest.Builder b =
        request("/v1/bulk-files" + query)
            .header("Authorization", "Bearer " + writer(client))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (requestId != null) {
      b.header("x-requestId", requestId);
    }
    if (gzip) {
      b.header("Content-Encoding", "gzip");
    }
    return send(b.build());
  }

  private HttpResponse<String> get(String client, String path) {
    return send(request(path).header("Authorization", "Bearer " + writer(client)).GET().build());
  }

  /** The body follows schemas/json/bulk-file.schema.json. */
  private static JsonNode valid(JsonNode body) {
    assertThat(ContractSchemas.get().errors("bulk-file", body)).as(body.toString()).isEmpty();
    return body;
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void plainUploadIsPlacedInTheCallersInboxAndShownAsReceived() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    byte[] body = lines(3).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = upload(client, uniqueRequestId(), "?fileName=nat.jsonl", body, false);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String location = r.headers().firstValue("Location").orElseThrow();
    String id = json(r).get("id").asText();
    assertThat(location).isEqualTo("/v1/bulk-files/" + id);
    assertThat(json(r).get("status").asText()).isEqualTo("RECEIVED");
    assertThat(files(inbox)).containsExactly(inbox.resolve(id + ".jsonl"));
    assertThat(Files.readAllBytes(inbox.resolve(id + ".jsonl"))).isEqualTo(body);

    valid(json(r));
    JsonNode status = valid(json(get(client, location)));
    assertThat(status.get("status").asText()).isEqualTo("RECEIVED");
    assertThat(status.get("lines").asLong()).isEqualTo(3);
    assertThat(status.get("fileName").asText()).isEqualTo("nat.jsonl");
    assertThat(status.get("links").get("self").asText()).isEqualTo(location);
  }

  @Test
  void gzipUploadWithStartNowIsStoredAsSentAndQueued() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    byte[] body = gzip(lines(50).getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> r = upload(client, uniqueRequestId(), "?start=now", body, true);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = json(r).get("id").asText();
    assertThat(json(r).get("status").asText()).isEqualTo("QUEUED");
    assertThat(json(r).get("lines").asLong()).isEqualTo(50);
    valid(json(r));
    assertThat(Files.readAllBytes(inbox.resolve(id + ".jsonl.gz"))).isEqualTo(body);
    assertThat(
            jdbc.sql("select status from bulk_file where id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single())
        .isEqualTo("QUEUED");
  }

  @Test
  void repeatedRequestIdGets412LinkingTheFirstUpload() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    String requestId = uniqueRequestId();
    HttpResponse<String> first =
        upload(client, requestId, "", lines(2).getBytes(StandardCharsets.UTF_8), false);
    assertThat(first.statusCode()).isEqualTo(202);

    HttpResponse<String> second =
        upload(client, requestId, "", lines(4).getBytes(StandardCharsets.UTF_8), false);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(412);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(json(second).get("bulkFile").asText())
        .isEqualTo(first.headers().firstValue("Location").orElseThrow());
    assertThat(files(inbox)).hasSize(1);
    // the same x-requestId from another client is that client's own
    String other = uniqueClient();
    inbox(other);
    assertThat(upload(other, requestId, "", lines(1).getBytes(), false).statusCode())
        .isEqualTo(202);
  }

  @Test
  void anotherClientsUploadIsNotFound() {
    String owner = uniqueClient();
    inbox(owner);
    HttpResponse<String> r = upload(owner, uniqueRequestId(), "", lines(1).getBytes(), false);
    String location = r.headers().firstValue("Location").orElseThrow();

    String stranger = uniqueClient();
    assertThat(get(stranger, location).statusCode()).isEqualTo(404);
    assertThat(get(stranger, location + "/result").statusCode()).isEqualTo(404);
    assertThat(get(owner, "/v1/bulk-files/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(get(owner, "/v1/bulk-files/not-a-uuid").statusCode()).isEqualTo(404);
    assertThat(get(owner, location).statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesThatAreNotJsonLinesAre400AndLeaveNothing() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    byte[] notUtf8 = "{\"a\":\"\u00e6\"}\n{\"b\":1}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] notObjects = "{\"a\":1}\n[1,2]\n".getBytes(StandardCharsets.UTF_8);
    byte[] notGzip = lines(3).getBytes(StandardCharsets.UTF_8);
    byte[] truncatedGzip = gzip(lines(2000).getBytes(StandardCharsets.UTF_8));
    truncatedGzip = java.util.Arrays.copyOf(truncatedGzip, truncatedGzip.length / 2);

    HttpResponse<String> r1 = upload(client, uniqueRequestId(), "", notUtf8, false);
    HttpResponse<String> r2 = upload(client, uniqueRequestId(), "", notObjects, false);
    HttpResponse<String> r3 = upload(client, uniqueRequestId(), "", notGzip, true);
    HttpResponse<String> r4 = upload(client, uniqueRequestId(), "", truncatedGzip, true);
    HttpResponse<String> r5 = upload(client, uniqueRequestId(), "", new byte[0], false);

    assertThat(r1.statusCode()).isEqualTo(400);
    assertThat(json(r1).get("code").asInt()).isEqualTo(1014);
    assertThat(json(r1).get("errors").get(0).get("field").asText()).isEqualTo("line 1");
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(json(r2).get("errors").get(0).get("field").asText()).isEqualTo("line 2");
    assertThat(r3.statusCode()).as(r3.body()).isEqualTo(400);
    assertThat(r4.statusCode()).as(r4.body()).isEqualTo(400);
    assertThat(r5.statusCode()).as(r5.body()).isEqualTo(400);
    assertThat(files(inbox)).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from bulk_file where client_id = :c")
                .param("c", client)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void wrongMediaTypeIs415() {
    String client = uniqueClient();
    HttpResponse<String> r =
        send(
            request("/v1/bulk-files")
                .header("Authorization", "Bearer " + writer(client))
                .header("x-requestId", uniqueRequestId())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(lines(1)))
                .build());
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void uploadWithoutWriteScopeIs403AndWithoutTokenIs401() {
    String client = uniqueClient();
    HttpResponse<String> readOnly =
        send(
            request("/v1/bulk-files")
                .header("Authorization", "Bearer " + token(client, READ, STAR))
                .header("x-requestId", uniqueRequestId())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines(1)))
                .build());
    HttpResponse<String> anonymous =
        send(
            request("/v1/bulk-files")
                .header("x-requestId", uniqueRequestId())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines(1)))
                .build());
    assertThat(readOnly.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void declaredLengthAboveTheLimitIs413() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    String head =
        "POST /v1/bulk-files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + writer(client)
            + "\r\nx-requestId: "
            + uniqueRequestId()
            + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
            + (properties.maxUploadSize().toBytes() + 1)
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(readSome(socket.getInputStream()), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
    }
    assertThat(files(inbox)).isEmpty();
  }

  @Test
  void streamedBytesAboveTheLimitAre413AndLeaveNothing() throws IOException {
    String client = uniqueClient();
    Path inbox = inbox(client);
    BulkUploadProperties small =
        new BulkUploadProperties(
            properties.inbox(),
            properties.outbox(),
            DataSize.ofBytes(1000),
            Duration.ofMillis(100));
    BulkUploader uploader = new BulkUploader(small, new BulkFileRepository(jdbc));
    String requestId = uniqueRequestId();
    InputStream body = new ByteArrayInputStream(lines(100).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> uploader.upload(client, requestId, "x.jsonl", false, false, body))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.problem().getStatus()).isEqualTo(413));
    assertThat(files(inbox)).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from bulk_file where client_id = :c")
                .param("c", client)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void droppedConnectionMidUploadLeavesNothingInTheInboxAndFreesTheRequestId() throws Exception {
    String client = uniqueClient();
    Path inbox = inbox(client);
    String requestId = uniqueRequestId();
    byte[] part = lines(2000).getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v1/bulk-files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + writer(client)
            + "\r\nx-requestId: "
            + requestId
            + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
            + (part.length * 10L)
            + "\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(part);
      out.flush();
      // the upload is under way: its row reserves the x-requestId, its .part file grows
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> files(inbox).stream().anyMatch(p -> p.toString().endsWith(".part")));
      // while it streams, its x-requestId is taken: a concurrent repeat is refused at once
      HttpResponse<String> concurrent = upload(client, requestId, "", lines(1).getBytes(), false);
      assertThat(concurrent.statusCode()).isEqualTo(412);
      assertThat(json(concurrent).get("bulkFile").asText()).startsWith("/v1/bulk-files/");
      assertThat(files(inbox)).noneMatch(p -> p.toString().endsWith(".jsonl"));
      socket.setSoLinger(true, 0); // a reset, as when a client dies
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(files(inbox)).isEmpty();
              assertThat(
                      jdbc.sql("select count(*) from bulk_file where client_id = :c")
                          .param("c", client)
                          .query(Long.class)
                          .single())
                  .isZero();
            });
    // and the same x-requestId can be used again for a complete upload
    assertThat(upload(client, requestId, "", lines(1).getBytes(), false).statusCode())
        .isEqualTo(202);
  }

  @Test
  void finishedFileShowsCountsAndServesItsResultPlainAndGzip() throws Exception {
    String client = uniqueClient();
    inbox(client);
    HttpResponse<String> r = upload(client, uniqueRequestId(), "", lines(4).getBytes(), false);
    String location = r.headers().firstValue("Location").orElseThrow();
    UUID id = UUID.fromString(json(r).get("id").asText());
    assertThat(get(client, location + "/result").statusCode()).isEqualTo(409);

    // what the worker leaves behind: its execution, the lines' outcomes and the result file
    long instance = simulateWorker(id, "STARTED", 2);
    JsonNode running = valid(json(get(client, location)));
    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.get("counts").get("completed").asLong()).isEqualTo(1);
    assertThat(running.get("counts").get("rejected").asLong()).isEqualTo(1);
    assertThat(running.get("linesPerSecond").asLong()).isEqualTo(1);
    assertThat(running.get("estimatedSecondsLeft").asLong()).isEqualTo(2);

    insertLines(instance, 3, 4);
    jdbc.sql(
            "update batch_job_execution set status = 'COMPLETED', end_time = localtimestamp"
                + " where job_instance_id = :i")
        .param("i", instance)
        .update();
    String result = "{\"line\":1}\n{\"line\":2}\n{\"line\":3}\n{\"line\":4}\n";
    Path out = properties.outbox().resolve(client);
    Files.createDirectories(out);
    Files.writeString(out.resolve(id + ".jsonl.result.jsonl"), result);

    HttpResponse<String> done =
        send(
            request(location)
                .header("Authorization", "Bearer " + writer(client))
                .header("Prefer", "wait=5")
                .build());
    valid(json(done));
    assertThat(json(done).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(json(done).get("counts").get("total").asLong()).isEqualTo(4);
    assertThat(json(done).get("links").get("result").asText()).isEqualTo(location + "/result");

    HttpResponse<String> plain = get(client, location + "/result");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo(result);
    HttpResponse<byte[]> zipped =
        HTTP.send(
            request(location + "/result")
                .header("Authorization", "Bearer " + writer(client))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(result);
    }
  }

  @Test
  void longPollReturnsWhenTheFileFinishes() {
    String client = uniqueClient();
    inbox(client);
    HttpResponse<String> r = upload(client, uniqueRequestId(), "", lines(2).getBytes(), false);
    String location = r.headers().firstValue("Location").orElseThrow();
    UUID id = UUID.fromString(json(r).get("id").asText());
    long instance = simulateWorker(id, "STARTED", 0);
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(1500);
              } catch (InterruptedException e) {
                return;
              }
              jdbc.sql(
                      "update batch_job_execution set status = 'FAILED' where job_instance_id = :i")
                  .param("i", instance)
                  .update();
            });
    HttpResponse<String> answer =
        send(
            request(location)
                .header("Authorization", "Bearer " + writer(client))
                .header("Prefer", "wait=20")
                .build());
    assertThat(json(answer).get("status").asText()).isEqualTo("FAILED");
    assertThat(answer.headers().firstValue("Preference-Applied")).contains("wait=20");
  }

  /** Writes the rows a worker execution of the upload has: returns the job instance id. */
  private long simulateWorker(UUID id, String batchStatus, int committedLines) {
    long instance = jdbc.sql("select nextval('batch_job_instance_seq')").query(Long.class).single();
    long execution =
        jdbc.sql("select nextval('batch_job_execution_seq')").query(Long.class).single();
    jdbc.sql("insert into batch_job_instance values (:i, 0, 'bulkEnrolment', :k)")
        .param("i", instance)
        .param("k", UUID.randomUUID().toString().replace("-", ""))
        .update();
    jdbc.sql(
            """
            insert into batch_job_execution (job_execution_id, version, job_instance_id,
                 create_time, start_time, status, last_updated)
            values (:e, 1, :i, localtimestamp, localtimestamp, :s, localtimestamp)
            """)
        .param("e", execution)
        .param("i", instance)
        .param("s", batchStatus)
        .update();
    // 2 lines read in 2 seconds: 1 line/s
    jdbc.sql(
            """
            insert into batch_step_execution (step_execution_id, version, step_name,
                 job_execution_id, create_time, start_time, status, read_count, last_updated)
            values (nextval('batch_step_execution_seq'), 1, 'lines', :e, localtimestamp,
                    localtimestamp - interval '2 seconds', 'STARTED', :r, localtimestamp)
            """)
        .param("e", execution)
        .param("r", committedLines)
        .update();
    insertLines(instance, 1, committedLines);
    jdbc.sql("update bulk_file set status = 'STARTED', job_execution_id = :e where id = :id")
        .param("e", execution)
        .param("id", id)
        .update();
    return instance;
  }

  private void insertLines(long instance, int from, int to) {
    for (int line = from; line <= to; line++) {
      jdbc.sql(
              "insert into bulk_line_result (file_id, line_no, request_id, status, codes)"
                  + " values (:f, :n, :r, :s, '{}')")
          .param("f", instance)
          .param("n", line)
          .param("r", "line-" + line)
          .param("s", line % 2 == 1 ? "COMPLETED" : "REJECTED")
          .update();
    }
  }

  private static byte[] readSome(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
