package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReloadTest extends SimTestBase {

  @TempDir Path dir;

  @AfterEach
  void restoreTheFixture() throws Exception {
    assertThat(put("/admin/data", "{\"dir\":\"classpath:fixture\"}").status()).isEqualTo(200);
  }

  @Test
  void aReloadReplacesDataAndForgetsBookings() throws Exception {
    String slot = freeSlot(OPEN_JOBSAMTALE);
    String id =
        book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, slot, null)
            .body()
            .get("indkaldelseId")
            .asString();
    copyFixture(dir);
    Files.writeString(
        dir.resolve("caseworkers.csv"),
        "80009,Brand New Caseworker,T1\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    Answer loaded = put("/admin/data", "{\"dir\":\"" + dir.toAbsolutePath() + "\"}");

    assertThat(loaded.status()).as(loaded.raw().body()).isEqualTo(200);
    assertThat(loaded.body().get("caseworkers").asInt()).isEqualTo(4);
    assertThat(loaded.body().get("bookingsMade").asInt()).isZero();
    assertThat(get("/v1/caseworkers/80009").status()).isEqualTo(200);
    assertThat(get("/v1/bookings/" + id).status()).isEqualTo(404);
    assertThat(freeSlot(OPEN_JOBSAMTALE, slot)).isEqualTo(slot);
    assertThat(get("/admin/data").body().get("source").asString()).contains(dir.toString());
  }

  @Test
  void aMalformedDirectoryIsRefusedWithLineNumbersAndTheOldDataStays() throws Exception {
    String id =
        book(freshKey(), freshCpr(), OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null)
            .body()
            .get("indkaldelseId")
            .asString();
    copyFixture(dir);
    Files.writeString(
        dir.resolve("caseworkers.csv"),
        "rid,name,jobcenter_code\n80001,One,T1\n80002,Two\n80003,Three,T7\n");
    Files.writeString(
        dir.resolve("slots.csv"),
        "interview_option_id,start_time\n" + OPEN_JOBSAMTALE + ",2090-01-02 09:00\n");
    Files.delete(dir.resolve("interview_options.csv"));

    Answer refused = put("/admin/data", "{\"dir\":\"" + dir.toAbsolutePath() + "\"}");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.reason()).isEqualTo("data-invalid");
    List<String> errors = new ArrayList<>();
    refused
        .body()
        .get("errors")
        .forEach(
            e ->
                errors.add(
                    e.get("file").asString()
                        + ":"
                        + e.get("line").asInt()
                        + ":"
                        + e.get("message").asString()));
    assertThat(errors)
        .anySatisfy(
            e -> assertThat(e).startsWith("caseworkers.csv:3:").contains("expected 3 fields"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("caseworkers.csv:4:")
                    .contains("unknown jobcenter_code T7"))
        .anySatisfy(e -> assertThat(e).startsWith("interview_options.csv:0:").contains("missing"))
        .anySatisfy(e -> assertThat(e).startsWith("slots.csv:2:").contains("start_time"));
    assertThat(refused.body().get("errorCount").asInt()).isEqualTo(errors.size());
    // The old data and the booking made on it are still there.
    assertThat(get("/v1/bookings/" + id).status()).isEqualTo(200);
    assertThat(get("/v1/interview-options/" + OPEN_JOBSAMTALE).status()).isEqualTo(200);
    assertThat(get("/v1/caseworkers/80003").body().get("jobcenterCode").asString()).isEqualTo("T2");
  }

  @Test
  void aReloadCanBeUploadedAsMultipart() throws Exception {
    copyFixture(dir);
    Files.writeString(
        dir.resolve("jobcenters.csv"),
        "jobcenter_code,name,phone,fax,booking_configured\nT1,Uploaded Centre,+45 33 33 33 33,,true\nT2,Other,+45 1,,false\n");

    Answer loaded = send(multipart(dir));

    assertThat(loaded.status()).as(loaded.raw().body()).isEqualTo(200);
    assertThat(loaded.body().get("slots").asInt()).isGreaterThan(1000);
    assertThat(get("/v1/jobcenters/T1").body().get("name").asString()).isEqualTo("Uploaded Centre");
  }

  @Test
  void anUploadWithAnUnknownFileIsRefused() throws Exception {
    copyFixture(dir);
    Files.writeString(dir.resolve("extra.csv"), "a,b\n");

    Answer refused = send(multipart(dir));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.raw().body()).contains("extra.csv");
  }

  private HttpRequest.Builder multipart(Path dir) throws IOException {
    String boundary = "----sim" + UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"; filename=\""
                    + name
                    + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder()
        .uri(uri("/admin/data"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }
}
