package dk.jobagent.bookingsim.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dk.jobagent.schemas.security.DevTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/jobagent run} (SPEC §9) as an operator uses it: the real script starts the three
 * packaged services, on private ports against a private database and RabbitMQ vhost, loads the demo
 * data and prints a first request; that request (run as printed, by bash) is accepted and its
 * receipt becomes final; SIGINT to the script stops all three.
 *
 * <p>A failsafe test of this module: it runs after {@code package}, and the module is the last of
 * the reactor, so the ingest-api and worker jars of the same build exist by then. In a build that
 * did not package them (e.g. {@code -pl booking-sim}) it is skipped, never left to build them.
 */
class BinJobagentRunIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("bin/jobagent");
  // On a calm 2-core machine the three are ready in well under a minute; on two cores shared with
  // other engineers' builds (load average 17) a cold start has taken over three minutes. A generous
  // limit only costs time when a service hangs: one that exits fails the script at once. The
  // script's own limit comes first and says which service was late.
  private static final int SCRIPT_START_TIMEOUT = 420;
  private static final Duration START_LIMIT = Duration.ofSeconds(SCRIPT_START_TIMEOUT + 60);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Pattern STARTED =
      Pattern.compile("started (\\S+) \\(pid (\\d+), port (\\d+),");

  // the broker's management API (CI enables it, as for the other modules' test vhosts)
  private static final String RABBIT_ADMIN =
      System.getenv().getOrDefault("JOBAGENT_RABBIT_ADMIN_URL", "http://127.0.0.1:15672");
  private static final String RABBIT_AUTH =
      "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

  @TempDir Path work;

  @Test
  void runStartsAllThreeServesThePrintedRequestAndStopsOnSigint() throws Exception {
    String buildDir = buildDir();
    for (String module : List.of("ingest-api", "worker", "booking-sim")) {
      assumeThat(jar(module, buildDir))
          .as("the %s jar of this build (bin/jobagent run would have to build it)", module)
          .isNotNull();
    }
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String database = "jobagent_run_it_" + suffix;
    String vhost = "jobagent-run-it-" + suffix;
    int ingest = freePort();
    int worker = freePort();
    int bookingSim = freePort();
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    List<Long> servicePids = new ArrayList<>();
    AtomicReference<Process> script = new AtomicReference<>();
    Throwable failure = null;
    try {
      createVhost(vhost);
      ProcessBuilder builder = new ProcessBuilder(command()).directory(work.toFile());
      Map<String, String> env = builder.environment();
      String path = env.get("PATH");
      env.clear();
      env.put("PATH", path);
      env.put("HOME", work.toString());
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("JOBAGENT_INGEST_PORT", Integer.toString(ingest));
      env.put("JOBAGENT_WORKER_PORT", Integer.toString(worker));
      env.put("JOBAGENT_BOOKING_SIM_PORT", Integer.toString(bookingSim));
      env.put("JOBAGENT_DB", database);
      env.put("JOBAGENT_RABBIT_VHOST", vhost);
      env.put("JOBAGENT_RUN_DIR", work.resolve("logs").toString());
      env.put("JOBAGENT_BUILD_DIR", buildDir);
      // less JIT and GC work while three JVMs start on a small machine; behaviour is the same
      env.put("JOBAGENT_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
      env.put("JOBAGENT_START_TIMEOUT", Integer.toString(SCRIPT_START_TIMEOUT));
      // one JVM start fewer: the admin token for the demo loads, as an operator may pass it
      env.put("JOBAGENT_TOKEN", DevTokens.mint("operator-test", DevTokens.SCOPE_ADMIN, "STAR"));
      Instant t0 = Instant.now();
      Process run = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      script.set(run);

      String printed = awaitPrinted(run, out, err, "Ctrl-C stops all three.");
      System.out.println("bin/jobagent run: ready and demo data loaded after " + since(t0));
      Matcher started = STARTED.matcher(printed);
      while (started.find()) {
        servicePids.add(Long.parseLong(started.group(2)));
      }
      assertThat(servicePids).hasSize(3);
      assertThat(printed)
          .contains("loaded demo persons")
          .contains("ingest-api   http://localhost:" + ingest)
          .contains("worker       http://localhost:" + worker)
          .contains("booking-sim  http://localhost:" + bookingSim)
          .contains("PostgreSQL localhost:5432/" + database);
      String token = line(printed, "export TOKEN=").substring("export TOKEN=".length());

      String tried = runThePrintedRequest(tryBlock(printed), token);

      assertThat(tried).as(tried).contains("HTTP/1.1 202");
      String location = line(tried, "Location: ").substring("Location: ".length()).strip();
      JsonNode receipt = finalReceipt(ingest, location, token, lastLine(tried));
      assertThat(receipt.get("operation").asString()).isEqualTo("CREATE");
      assertThat(receipt.get("status").asString()).as(receipt.toString()).isEqualTo("COMPLETED");
      System.out.println(
          "bin/jobagent run: the printed request's receipt final after " + since(t0));
      Instant stopping = Instant.now();

      signal("INT", run.pid());

      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the script ended after SIGINT").isTrue();
      assertThat(run.exitValue()).isEqualTo(130);
      System.out.println("bin/jobagent run: stopped " + since(stopping) + " after SIGINT");
      assertThat(Files.readString(out)).contains("jobagent: stopped");
      for (long pid : servicePids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("service pid %d alive", pid)
            .isFalse();
      }
      for (int port : List.of(ingest, worker, bookingSim)) {
        assertThat(listening(port)).as("port %d listening", port).isFalse();
      }
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      cleanUp(failure, () -> stopEverything(script.get(), servicePids));
      cleanUp(failure, () -> dropDatabase(database));
      cleanUp(failure, () -> deleteVhost(vhost));
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Every clean-up step runs; its failure fails a passing test, else rides on the failure. */
  private static void cleanUp(Throwable failure, Step step) throws Exception {
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  private static String since(Instant start) {
    return Duration.between(start, Instant.now()).toMillis() / 100 / 10.0 + " s";
  }

  // --- the script's output --------------------------------------------------------------------

  /** The whole stdout once it holds {@code marker}; fails with the logs when the script died. */
  private String awaitPrinted(Process run, Path out, Path err, String marker) throws Exception {
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      String printed = Files.readString(out);
      if (printed.contains(marker)) {
        return printed;
      }
      if (!run.isAlive()) {
        throw new AssertionError(
            "bin/jobagent run ended (exit %d) before it was ready:\n%s\n%s\n%s"
                .formatted(run.exitValue(), printed, Files.readString(err), logTails()));
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "bin/jobagent run not ready within %s:\n%s\n%s"
            .formatted(START_LIMIT, Files.readString(out), logTails()));
  }

  /** The lines after "Try" up to the blank line: the shell commands a reader would paste. */
  private static String tryBlock(String printed) {
    List<String> lines = printed.lines().toList();
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith("Try")) {
        from = i + 1;
        break;
      }
    }
    assertThat(from).as("a Try block in:\n" + printed).isPositive();
    StringBuilder block = new StringBuilder();
    for (int i = from; i < lines.size() && !lines.get(i).isBlank(); i++) {
      block.append(lines.get(i)).append('\n');
    }
    return block.toString();
  }

  private String runThePrintedRequest(String block, String token) throws Exception {
    Path script = work.resolve("try.sh");
    Files.writeString(script, "set -eu\n" + block);
    ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    bash.environment().put("TOKEN", token);
    Process p = bash.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  /**
   * The receipt the printed long poll returned, or (when it timed out still PENDING) a later one.
   */
  private static JsonNode finalReceipt(int port, String location, String token, String printed)
      throws Exception {
    JsonNode receipt = JSON.readTree(printed);
    Instant deadline = Instant.now().plusSeconds(60);
    while (receipt.get("status").asString().equals("PENDING") && Instant.now().isBefore(deadline)) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + location))
                  .header("Authorization", "Bearer " + token)
                  .header("Prefer", "wait=10")
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      receipt = JSON.readTree(r.body());
    }
    return receipt;
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .map(String::strip)
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + text));
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    String last = lines.getLast();
    // curl -s without a trailing newline: the 202 body and the receipt can share a line
    int receipt = last.lastIndexOf("{\"requestId\"");
    return receipt > 0 ? last.substring(receipt) : last;
  }

  private String logTails() throws IOException {
    StringBuilder tails = new StringBuilder();
    Path logs = work.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (var files = Files.list(logs)) {
        for (Path log : files.sorted().toList()) {
          List<String> lines = Files.readAllLines(log);
          tails.append("--- ").append(log.getFileName()).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 30), lines.size())
              .forEach(l -> tails.append(l).append('\n'));
        }
      }
    }
    return tails.toString();
  }

  // --- processes and ports ---------------------------------------------------------------------

  /**
   * A terminal's Ctrl-C reaches a script whose SIGINT is not ignored; a process started in the
   * background of a non-interactive shell (as a build may be) inherits SIGINT ignored, and bash
   * cannot trap a signal ignored on entry. {@code env --default-signal} gives the script what a
   * terminal would.
   */
  private static List<String> command() throws Exception {
    Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").start();
    boolean resets = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    return resets
        ? List.of("env", "--default-signal=INT", SCRIPT.toString(), "run")
        : List.of(SCRIPT.toString(), "run");
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Whatever this test started and is still running: the script, then its services by pid. */
  private static void stopEverything(Process run, List<Long> servicePids) throws Exception {
    if (run != null && run.isAlive()) {
      signal("TERM", run.pid()); // its EXIT trap stops the services
      if (!run.waitFor(40, TimeUnit.SECONDS)) {
        run.destroyForcibly();
      }
    }
    for (long pid : servicePids) {
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(
              p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
              });
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  // --- the build -------------------------------------------------------------------------------

  /**
   * This module's build directory (failsafe passes it) as bin/jobagent wants it: the name inside
   * each module ("target", or what -Djobagent.build.dir said), or an absolute directory.
   */
  private static String buildDir() {
    Path module = Path.of("").toAbsolutePath();
    Path dir = Path.of(System.getProperty("jobagent.build.dir", "target")).toAbsolutePath();
    return dir.startsWith(module) ? module.relativize(dir).toString() : dir.toString();
  }

  private static Path jar(String module, String buildDir) throws IOException {
    Path dir =
        Path.of(buildDir).isAbsolute() ? Path.of(buildDir) : ROOT.resolve(module).resolve(buildDir);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(module + "-"))
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .filter(f -> !f.getFileName().toString().endsWith("-tests.jar"))
          .findFirst()
          .orElse(null);
    }
  }

  // --- private database and vhost --------------------------------------------------------------

  private static void dropDatabase(String database) throws Exception {
    Process psql =
        new ProcessBuilder(
                "psql",
                "-h",
                "localhost",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-qc",
                "drop database if exists " + database + " with (force)")
            .redirectErrorStream(true)
            .start();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(psql.exitValue()).as("drop database " + database + ": " + output).isZero();
  }

  private static void createVhost(String vhost) throws Exception {
    rabbitAdmin("PUT", "/api/vhosts/" + vhost, "");
    rabbitAdmin(
        "PUT",
        "/api/permissions/" + vhost + "/guest",
        "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
  }

  private static void deleteVhost(String vhost) throws Exception {
    rabbitAdmin("DELETE", "/api/vhosts/" + vhost, null);
  }

  private static void rabbitAdmin(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RABBIT_ADMIN + path))
            .header("Authorization", RABBIT_AUTH)
            .timeout(Duration.ofSeconds(20));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
  }
}
