package dk.jobagent.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.validation.ContractSchemas;
import dk.jobagent.schemas.validation.SyntaxCheck;
import dk.jobagent.schemas.validation.SyntaxResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every file in {@code schemas/examples/<schema>/} is checked against {@code
 * json/<schema>.schema.json}: {@code valid-*} must pass, {@code invalid-*} must fail. Request
 * bodies and bulk lines go through {@link SyntaxCheck} (which adds the real date parse to the
 * schema), the rest through {@link ContractSchemas}.
 */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("examples");
  static final Path SCHEMAS = Path.of("json");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SyntaxCheck SYNTAX = SyntaxCheck.load();

  /** Schemas that are building blocks only, without examples of their own. */
  private static final Set<String> NO_EXAMPLES = Set.of("definitions", "bulk-counts");

  @TestFactory
  Stream<DynamicTest> everyExampleKeepsOrBreaksItsSchemaAsItsNameSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String schema = dir.getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.sorted().toList()) {
            String name = file.getFileName().toString();
            boolean valid = name.startsWith("valid");
            tests.add(
                DynamicTest.dynamicTest(
                    schema + "/" + name,
                    () -> {
                      List<String> problems = problems(schema, Files.readAllBytes(file));
                      if (valid) {
                        assertThat(problems).as(file.toString()).isEmpty();
                      } else {
                        assertThat(problems).as(file.toString()).isNotEmpty();
                      }
                    }));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }

  @Test
  void everySchemaHasValidAndInvalidExamples() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      for (Path file : files.toList()) {
        String schema = file.getFileName().toString().replace(".schema.json", "");
        if (NO_EXAMPLES.contains(schema) || !file.toString().endsWith(".schema.json")) {
          continue;
        }
        Path dir = EXAMPLES.resolve(schema);
        assertThat(dir).as("examples for " + schema).isDirectory();
        try (Stream<Path> examples = Files.list(dir)) {
          List<String> names = examples.map(p -> p.getFileName().toString()).toList();
          assertThat(names).as(schema).anyMatch(n -> n.startsWith("valid"));
          assertThat(names).as(schema).anyMatch(n -> n.startsWith("invalid"));
        }
      }
    }
  }

  /** The guard against a test suite that passes whatever the examples say. */
  @Test
  void anExampleBreakingItsSchemaIsDetected() throws IOException {
    ObjectNode receipt =
        (ObjectNode) JSON.readTree(EXAMPLES.resolve("receipt/valid-rejected.json").toFile());
    assertThat(problems("receipt", JSON.writeValueAsBytes(receipt))).isEmpty();
    receipt.remove("status");
    receipt.put("colour", "blue");
    assertThat(problems("receipt", JSON.writeValueAsBytes(receipt)))
        .anyMatch(p -> p.contains("status"))
        .anyMatch(p -> p.contains("colour"));

    ObjectNode create =
        (ObjectNode)
            JSON.readTree(EXAMPLES.resolve("create-jobagent-request/valid-full.json").toFile());
    create.put("EnrollmentDate", "2026-02-29");
    assertThat(problems("create-jobagent-request", JSON.writeValueAsBytes(create)))
        .containsExactly("/EnrollmentDate: is not a real date or time");
  }

  @Test
  void exampleBulkFileLinesAndResultFollowTheirSchemas() throws IOException {
    List<String> lines = Files.readAllLines(EXAMPLES.resolve("bulk-file.jsonl"));
    assertThat(lines).hasSize(4);
    for (String line : lines.subList(0, 3)) {
      SyntaxCheck.Parsed parsed =
          SYNTAX.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(parsed.ok()).isTrue();
      assertThat(SYNTAX.checkBulkLine(parsed.node()).ok()).as(line).isTrue();
    }
    assertThat(SYNTAX.parse(lines.get(3).getBytes(java.nio.charset.StandardCharsets.UTF_8)).ok())
        .isFalse();
    List<String> results = Files.readAllLines(EXAMPLES.resolve("bulk-file.jsonl.result.jsonl"));
    assertThat(results).hasSameSizeAs(lines);
    for (String result : results) {
      assertThat(ContractSchemas.get().errors("bulk-result-line", JSON.readTree(result)))
          .as(result)
          .isEmpty();
    }
  }

  static List<String> problems(String schema, byte[] bytes) {
    return switch (schema) {
      case "create-jobagent-request" -> describe(SYNTAX.checkBody(Operation.CREATE, bytes));
      case "update-jobagent-request" -> describe(SYNTAX.checkBody(Operation.UPDATE, bytes));
      case "bulk-line" -> {
        SyntaxCheck.Parsed parsed = SYNTAX.parse(bytes);
        yield describe(parsed.ok() ? SYNTAX.checkBulkLine(parsed.node()) : parsed.error());
      }
      default -> {
        JsonNode node = JSON.readTree(bytes);
        yield ContractSchemas.get().errors(schema, node);
      }
    };
  }

  private static List<String> describe(SyntaxResult result) {
    return result.errors().stream().map(e -> e.field() + ": " + e.message()).toList();
  }
}
