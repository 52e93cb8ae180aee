package dk.jobagent.worker.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.worker.WorkerIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #8, scenario 7 for bulk files: a seeded file of 1,500+ malformed lines of every kind mixed
 * with valid ones. Every bad line gets its result line with the right code (1001 for the cpr, 1014
 * for anything else), nothing is enrolled for it, the valid lines are enrolled, the job completes,
 * and no CPR of the file reaches the log in full.
 */
@ExtendWith(OutputCaptureExtension.class)
class BulkBadLinesTest extends WorkerIntegrationTest {

  private static final long SEED = 20_260_008L;
  private static final Pattern CPR_LIKE = Pattern.compile("(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])");

  @Autowired JobOperator jobOperator;
  @Autowired JobRepository jobRepository;
  @Autowired Job bulkEnrolmentJob;
  @Autowired BulkProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @TempDir Path dir;

  private final Random random = new Random(SEED);
  private final String client = BulkTestData.newClientId();

  /** One line of the file and the result it must get. */
  private record Line(String kind, byte[] bytes, String status, Integer code, String cpr) {}

  @AfterEach
  void removeOutputs() throws IOException {
    for (Path p :
        List.of(properties.outbox().resolve(client), BulkFiles.archiveDir(properties, client))) {
      if (Files.exists(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  @Test
  void everyBadLineIsRejectedWithItsCodeAndTheJobCompletes(CapturedOutput output) throws Exception {
    BulkTestData data = new BulkTestData(jdbc, json);
    List<Line> lines = corpus(data);
    long bad = lines.stream().filter(l -> l.status().equals("REJECTED")).count();
    assertThat(bad).isGreaterThanOrEqualTo(1_000);

    Path file = dir.resolve(client).resolve("bad-lines.jsonl");
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Line l : lines) {
      out.write(l.bytes());
      out.write('\n');
    }
    Files.write(file, out.toByteArray());
    JobOperatorTestUtils batch = new JobOperatorTestUtils(jobOperator, jobRepository);
    batch.setJob(bulkEnrolmentJob);

    JobExecution execution = batch.startJob(BulkLauncher.parameters(file, client));

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    List<String> resultLines =
        Files.readAllLines(BulkFiles.resultFile(properties, client, file), StandardCharsets.UTF_8);
    assertThat(resultLines).hasSize(lines.size());
    List<String> failures = new ArrayList<>();
    Map<String, int[]> byKind = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Line expected = lines.get(i);
      JsonNode result = json.readTree(resultLines.get(i));
      int[] counts = byKind.computeIfAbsent(expected.kind(), k -> new int[2]);
      counts[0]++;
      String status = result.get("status").asString();
      JsonNode codes = result.get("codes");
      Integer code = codes.isEmpty() ? null : codes.get(0).asInt();
      boolean ok =
          result.get("lineNumber").asLong() == i + 1
              && status.equals(expected.status())
              && (expected.code() == null ? code == null : expected.code().equals(code));
      if (status.equals("REJECTED")
          && (expected.code() == Integer.valueOf(1001) || expected.code() == Integer.valueOf(1014))
          && result.path("fieldErrors").isEmpty()) {
        ok = false;
      }
      if (!ok) {
        counts[1]++;
        failures.add(
            "line %d [%s] expected %s %s, got %s"
                .formatted(
                    i + 1,
                    expected.kind(),
                    expected.status(),
                    expected.code(),
                    resultLines.get(i).length() > 300
                        ? resultLines.get(i).substring(0, 300)
                        : resultLines.get(i)));
      }
    }
    StringBuilder report =
        new StringBuilder("bulk bad lines: %d lines, %d bad%n".formatted(lines.size(), bad));
    byKind.forEach(
        (k, c) -> report.append("  %-20s %6d lines %4d failed%n".formatted(k, c[0], c[1])));
    System.out.print(report);
    assertThat(failures).as(String.join("\n", failures.stream().limit(60).toList())).isEmpty();

    // nothing enrolled for a bad line; every valid line enrolled
    List<String> badCprs = new ArrayList<>();
    List<String> goodCprs = new ArrayList<>();
    for (Line l : lines) {
      if (l.cpr() != null) {
        (l.status().equals("COMPLETED") ? goodCprs : badCprs).add(l.cpr());
      }
    }
    badCprs.removeAll(goodCprs);
    assertThat(enrolments(badCprs)).isZero();
    assertThat(enrolments(goodCprs)).isEqualTo(goodCprs.size());

    // no CPR of the file in the log in full
    String logs = output.getAll();
    Set<String> sent = new java.util.HashSet<>();
    for (Line l : lines) {
      Matcher m = CPR_LIKE.matcher(new String(l.bytes(), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        sent.add(m.group());
      }
    }
    for (String cpr : sent) {
      assertThat(Pattern.compile("(?<![0-9])" + cpr + "(?![0-9])").matcher(logs).find())
          .as("CPR %s**** in the log in full", cpr.substring(0, 6))
          .isFalse();
    }
  }

  // --- the corpus -------------------------------------------------------------------------------

  private List<Line> corpus(BulkTestData data) {
    List<Line> lines = new ArrayList<>();
    int valid = 300;
    int badCount = 1_600;
    List<String> cprs = data.persons(valid + badCount);
    int next = 0;
    for (int i = 0; i < valid + badCount; i++) {
      String cpr = cprs.get(next++);
      String id = "bl-%05d".formatted(i);
      if (i % 6 == 0 && valid-- > 0) {
        lines.add(new Line("valid", bytes(data.validLine(id, cpr)), "COMPLETED", null, cpr));
        continue;
      }
      lines.add(badLine(data, id, cpr));
    }
    return lines;
  }

  private static final String[] BAD_CPRS = {
    "",
    "0",
    "010190900",
    "01019090011",
    "3201909001",
    "0013909001",
    "3002909001",
    "010190-9001",
    " 0101909001",
    "0101909001 ",
    "0101909001\n",
    "abcdefghij",
    "٠١٠١٩٠٩٠٠١",
    "０１０１９０９００１"
  };

  private static final byte[] ALWAYS_WRONG = {
    0x00, 0x01, 0x1f, (byte) 0x80, (byte) 0xc0, (byte) 0xfe, (byte) 0xff
  };

  private Line badLine(BulkTestData data, String id, String cpr) {
    String valid = data.validLine(id, cpr);
    switch (random.nextInt(14)) {
      case 0 -> {
        int at = random.nextInt(valid.length());
        return rejected("truncated", bytes(valid.substring(0, at)), 1014, cpr);
      }
      case 1 -> {
        byte[] b = bytes(valid);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(b.length + 1);
        out.write(b, 0, at);
        out.write(ALWAYS_WRONG[random.nextInt(ALWAYS_WRONG.length)]);
        out.write(b, at, b.length - at);
        return rejected("stray-byte", out.toByteArray(), 1014, cpr);
      }
      case 2 -> {
        String badCpr = BAD_CPRS[random.nextInt(BAD_CPRS.length)];
        return rejected("bad-cpr", bytes(data.validLine(id, badCpr)), 1001, cpr);
      }
      case 3 -> {
        Map<String, Object> line = envelope(data, id, cpr);
        String member = List.of("requestId", "cpr", "operation", "request").get(random.nextInt(4));
        line.remove(member);
        return rejected(
            "missing-" + member,
            bytes(json.writeValueAsString(line)),
            member.equals("cpr") ? 1001 : 1014,
            cpr);
      }
      case 4 -> {
        Map<String, Object> line = envelope(data, id, cpr);
        line.put(
            "operation",
            List.of("UPDATE", "DELETE", "create", 1, "", List.of()).get(random.nextInt(6)));
        return rejected("bad-operation", bytes(json.writeValueAsString(line)), 1014, cpr);
      }
      case 5 -> {
        Map<String, Object> body = data.createBody();
        String field =
            List.of(
                    "ClientCategoryTypeIdentifier",
                    "EnrollmentDate",
                    "CurrentUnemploymentStatusTypeIdentifier",
                    "Profession")
                .get(random.nextInt(4));
        // values wrong for the member whatever the code lists say
        List<Object> values =
            switch (field) {
              case "Profession" -> List.of(1, true, Map.of(), "", List.of(1));
              case "EnrollmentDate" -> List.of(1, true, List.of(), "", "2026-02-30", "27-11-2026");
              default -> List.of(1, true, List.of(), Map.of(), "", "x".repeat(101));
            };
        Object value = values.get(random.nextInt(values.size()));
        body.put(field, value);
        return rejected("bad-field", bytes(data.line(id, cpr, body)), 1014, cpr);
      }
      case 6 -> {
        String badId = List.of("", "r".repeat(47), "r".repeat(1000)).get(random.nextInt(3));
        return rejected("bad-request-id", bytes(data.validLine(badId, cpr)), 1014, cpr);
      }
      case 7 -> {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String text = random.nextBoolean() ? deep : valid.replace("\"FULDT_LEDIG\"", deep);
        return rejected("nesting", bytes(text), 1014, cpr);
      }
      case 8 -> {
        String root = List.of("[]", "1", "\"x\"", "null", "true", "", "   ").get(random.nextInt(7));
        return rejected("not-an-object", bytes(root), 1014, null);
      }
      case 9 -> {
        // the requestId member twice
        String text = valid.replaceFirst("\\{", "{\"requestId\":\"" + id + "-x\",");
        return rejected("duplicate-member", bytes(text), 1014, cpr);
      }
      case 10 -> {
        byte[] b = bytes(valid.replace("FULDT_LEDIG", "FULDT@@LEDIG"));
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        int[][] seqs = {{0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xe2, 0x82}};
        for (int x : seqs[random.nextInt(seqs.length)]) {
          out.write(x);
        }
        out.write(b, at + 2, b.length - at - 2);
        return rejected("bad-utf8", out.toByteArray(), 1014, cpr);
      }
      case 11 -> {
        Map<String, Object> line = envelope(data, id, cpr);
        line.put(List.of("extra", "Request", "__proto__").get(random.nextInt(3)), 1);
        return rejected("unknown-member", bytes(json.writeValueAsString(line)), 1014, cpr);
      }
      case 12 -> {
        // text PostgreSQL's jsonb cannot hold, in a member the schema accepts
        String nasty = List.of("\\u0000", "\\ud800", "a\\u0000b").get(random.nextInt(3));
        String text = valid.replace("\"FULDT_LEDIG\"", "\"FULDT_LEDIG" + nasty + "\"");
        return rejected("unstorable-text", bytes(text), 1014, cpr);
      }
      default -> {
        String broken =
            List.of("{\"requestId\": \"broken", "{", "}", "{\"a\":}", "NaN", "{'a':1}", "[1,]")
                .get(random.nextInt(7));
        return rejected("broken-json", bytes(broken), 1014, null);
      }
    }
  }

  private Map<String, Object> envelope(BulkTestData data, String id, String cpr) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("requestId", id);
    line.put("cpr", cpr);
    line.put("operation", "CREATE");
    line.put("request", data.createBody());
    return line;
  }

  private static Line rejected(String kind, byte[] bytes, int code, String cpr) {
    return new Line(kind, bytes, "REJECTED", code, cpr);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private long enrolments(List<String> cprs) {
    return jdbc.sql("select count(*) from enrolment where cpr = any(cast(:c as bpchar[]))")
        .param("c", cprs.toArray(String[]::new))
        .query(Long.class)
        .single();
  }
}
