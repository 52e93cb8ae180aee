package dk.jobagent.bookingsim.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.bookingsim.SimTestBase;
import dk.jobagent.schemas.security.DevTokens;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jobagent booking-sim load DIR} (SPEC §6, §8) run as the real script against the
 * simulator of the module's test context (a real port): what it prints, and that the simulator
 * serves the directory's data afterwards.
 */
class BinJobagentBookingSimTest extends SimTestBase {

  private static final Path SCRIPT = Path.of("..", "bin", "jobagent").toAbsolutePath().normalize();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @AfterEach
  void restoreTheFixture() throws Exception {
    assertThat(put("/admin/data", "{\"dir\":\"classpath:fixture\"}").status()).isEqualTo(200);
  }

  @Test
  void loadReplacesTheDataWithTheDirectorysFilesAndSaysSo() throws Exception {
    Path data = fixtureCopy("data");
    Files.writeString(
        data.resolve("jobcenters.csv"),
        "jobcenter_code,name,phone,fax,booking_configured\n"
            + "T1,Jobcenter Loaded By Script,+45 33 33 33 33,,true\n"
            + "T2,Jobcenter Test Syd,+45 22 22 22 22,,false\n");
    Files.writeString(
        data.resolve("caseworkers.csv"),
        "80077,Loaded Caseworker,T1\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertThat(get("/v1/caseworkers/80077").status()).isEqualTo(404);

    Run run = jobagent("booking-sim", "load", data.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"caseworkers\":4")
        .contains("booking-sim data replaced from " + data.toRealPath());
    assertThat(get("/v1/jobcenters/T1").body().get("name").asString())
        .isEqualTo("Jobcenter Loaded By Script");
    assertThat(get("/v1/caseworkers/80077").status()).isEqualTo(200);
    assertThat(get("/admin/data").body().get("source").asString())
        .contains("upload")
        .contains("jobcenters.csv");
  }

  @Test
  void aMalformedDirectoryFailsWithTheSimulatorsLineErrorsAndTheOldDataStays() throws Exception {
    Path data = fixtureCopy("bad");
    Files.writeString(
        data.resolve("caseworkers.csv"), "rid,name,jobcenter_code\n80001,One,T1\n80002,Two\n");

    Run run = jobagent("booking-sim", "load", data.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("HTTP 422")
        .contains("caseworkers.csv")
        .contains("expected 3 fields");
    assertThat(run.out()).doesNotContain("replaced");
    assertThat(get("/v1/caseworkers/80003").body().get("jobcenterCode").asString()).isEqualTo("T2");
  }

  @Test
  void aMissingOrEmptyDirectoryFailsWithAClearMessage() throws Exception {
    Run missing = jobagent("booking-sim", "load", dir.resolve("nowhere").toString());
    Run empty =
        jobagent("booking-sim", "load", Files.createDirectory(dir.resolve("empty")).toString());

    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("no such directory");
    assertThat(empty.exit()).isNotZero();
    assertThat(empty.err()).contains("no .csv files");
  }

  @Test
  void helpExplainsTheCommand() throws Exception {
    Run run = jobagent("booking-sim", "load", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("usage: bin/jobagent booking-sim load DIR");
  }

  private Path fixtureCopy(String name) throws IOException {
    return copyFixture(Files.createDirectory(dir.resolve(name)));
  }

  private Run jobagent(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT.getParent().toFile());
    Map<String, String> env = builder.environment();
    String path = env.get("PATH");
    env.clear();
    env.put("PATH", path);
    env.put("JOBAGENT_BOOKING_SIM_URL", "http://127.0.0.1:" + port);
    // an admin token as any operator has one; the simulator's admin endpoints do not check it
    env.put("JOBAGENT_TOKEN", DevTokens.mint("operator-test", DevTokens.SCOPE_ADMIN, "STAR"));
    env.put("JOBAGENT_DEV_KEY", "false");
    File out = dir.resolve("out-" + UUID.randomUUID()).toFile();
    File err = dir.resolve("err-" + UUID.randomUUID()).toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/jobagent " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
