package dk.jobagent.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/jobagent} script from a module's tests, the way an operator would: with
 * none of the test JVM's environment but PATH, HOME, LANG and TMPDIR, plus the variables given (so
 * a developer's own JOBAGENT_* settings never leak into a test).
 */
public final class BinJobagent {

  /** The script, seen from a module directory (where Maven runs the tests). */
  public static final Path SCRIPT = Path.of("..", "bin", "jobagent").toAbsolutePath().normalize();

  private static final List<String> KEPT = List.of("PATH", "HOME", "LANG", "TMPDIR");

  /** What a run printed and how it ended. */
  public record Run(int exit, String out, String err) {}

  private BinJobagent() {}

  /**
   * Runs {@code bin/jobagent ARGS} as an operator of the worker at {@code workerUrl} with {@code
   * token}, the dev key switched off (the token is minted by the test).
   */
  public static Run worker(Path dir, String workerUrl, String token, String... args)
      throws IOException, InterruptedException {
    return run(
        dir,
        Map.of(
            "JOBAGENT_WORKER_URL", workerUrl, "JOBAGENT_TOKEN", token, "JOBAGENT_DEV_KEY", "false"),
        args);
  }

  /**
   * Runs {@code bin/jobagent ARGS} with the environment {@code env} (see the class comment); its
   * output goes through files in {@code dir}. Fails the test when it runs longer than 60 s.
   */
  public static Run run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT.getParent().toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().retainAll(KEPT);
    environment.putAll(env);
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
