package dk.jobagent.schemas.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.jobagent.schemas.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ErrorCode} is the one catalogue: it must hold every Fejlkode of the seed exactly once,
 * with Fejltekst and Beskrivelse verbatim (the seed's spelling included), and nothing else except
 * the codes SPEC.md adds. {@code schemas/json/error-codes.json} is a documentation copy for
 * non-Java readers and must say exactly what the enum says. To regenerate it after changing the
 * enum run {@code ./mvnw -pl schemas test -Dtest=ErrorCodeCatalogueTest
 * -Djobagent.write-error-codes=true}.
 */
class ErrorCodeCatalogueTest {

  /** Codes SPEC.md uses that the seed does not list. SPEC §4 takes all its codes from the seed. */
  static final Set<Integer> SPEC_ONLY_CODES = Set.of();

  /** SPEC §4's table and its ingest-side codes, in the table's order. */
  static final List<Integer> SPEC_CODES =
      List.of(
          1010, 8111, 4405, 4720, 4725, 4313, 4314, 4641, 6014, 4763, 6033, 4338, 4316, 4750, 4645,
          7062, 4318, 8281, 4698, 4710, 4589, 4786, 4783, 8108, 8109, 9003, 4822, 8273, 8288, 4819,
          9018, 4769, 9345, 9344, 1001, 1014, 4575);

  private static final Path DOC_COPY = Path.of("json/error-codes.json");
  private static final Pattern CODE = Pattern.compile("\\d{4}");

  record SeedEntry(int code, String text, String description) {}

  /**
   * Every "Fejlkoder" table of the seed: after the header cells Fejlkode / Fejltekst / Beskrivelse
   * come (code, text, description) triples, one cell per non-blank line, until a line that is not a
   * four-digit code.
   */
  static List<SeedEntry> parseSeed(String seed) {
    List<String> lines = seed.lines().filter(l -> !l.isBlank()).toList();
    List<SeedEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size() - 3; i++) {
      if (lines.get(i).equals("Fejlkode")
          && lines.get(i + 1).equals("Fejltekst")
          && lines.get(i + 2).equals("Beskrivelse")) {
        int j = i + 3;
        while (j + 2 < lines.size() && CODE.matcher(lines.get(j)).matches()) {
          entries.add(
              new SeedEntry(Integer.parseInt(lines.get(j)), lines.get(j + 1), lines.get(j + 2)));
          j += 3;
        }
        i = j - 1;
      }
    }
    return entries;
  }

  static String seed() throws IOException {
    try (InputStream in =
        ErrorCodeCatalogueTest.class.getResourceAsStream("/seed-jobagent-api.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The seed's codes; a code listed in several tables must read the same in each. */
  static Map<Integer, SeedEntry> seedCodes() throws IOException {
    Map<Integer, SeedEntry> byCode = new LinkedHashMap<>();
    for (SeedEntry entry : parseSeed(seed())) {
      SeedEntry earlier = byCode.putIfAbsent(entry.code(), entry);
      assertThat(earlier == null || earlier.equals(entry))
          .as("seed lists %d twice, differently: %s / %s", entry.code(), earlier, entry)
          .isTrue();
    }
    return byCode;
  }

  @Test
  void theSeedParses() throws IOException {
    List<SeedEntry> entries = parseSeed(seed());
    // two tables: CreateJobagent's 5 codes and UpdateJobagent's 35 (three codes are in both)
    assertThat(entries).hasSize(40);
    Map<Integer, SeedEntry> codes = seedCodes();
    assertThat(codes).hasSize(37);
    assertThat(codes.get(1001).description())
        .isEqualTo(
            "The submitted cpr is either to long or short or contains data not interpretable as a date");
    assertThat(codes).containsKeys(4575, 4589, 4763, 9345);
  }

  @Test
  void theParserNoticesATableCellItDidNotExpect() throws IOException {
    String tampered = seed().replace("\n4763\n", "\n4763\n\nextra\n");
    assertThat(parseSeed(tampered).stream().map(SeedEntry::code)).doesNotContain(4769);
  }

  @Test
  void everySeedCodeIsInTheEnumExactlyOnceWithVerbatimTexts() throws IOException {
    Map<Integer, SeedEntry> seed = seedCodes();
    for (SeedEntry entry : seed.values()) {
      List<ErrorCode> matches =
          Arrays.stream(ErrorCode.values()).filter(c -> c.code() == entry.code()).toList();
      assertThat(matches).as("enum constants for %d", entry.code()).hasSize(1);
      ErrorCode code = matches.getFirst();
      assertThat(code.text()).as("Fejltekst of %d", entry.code()).isEqualTo(entry.text());
      assertThat(code.description())
          .as("Beskrivelse of %d", entry.code())
          .isEqualTo(entry.description());
      assertThat(ErrorCode.of(entry.code())).contains(code);
    }
  }

  @Test
  void theEnumHasNothingElseAndNoCodeTwice() throws IOException {
    Set<Integer> seed = seedCodes().keySet();
    List<Integer> enumCodes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
    assertThat(enumCodes).doesNotHaveDuplicates();
    Set<Integer> extra =
        enumCodes.stream().filter(c -> !seed.contains(c)).collect(Collectors.toSet());
    assertThat(extra).isEqualTo(SPEC_ONLY_CODES);
  }

  @Test
  void everyCodeSpecUsesIsInTheEnum() {
    assertThat(SPEC_CODES).doesNotHaveDuplicates();
    for (int code : SPEC_CODES) {
      assertThat(ErrorCode.of(code)).as("SPEC code %d", code).isPresent();
    }
    assertThat(ErrorCode.values()).hasSize(SPEC_CODES.size());
  }

  @Test
  void ingestCodesCarryTheirHttpStatus() {
    assertThat(ErrorCode.INVALID_CPR.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.MESSAGE_VALIDATION.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.NOT_AUTHORIZED.httpStatus()).isEqualTo(403);
    assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::isWarning))
        .containsExactly(ErrorCode.MISSING_DATA_WARNING);
  }

  // --- the documentation copy ----------------------------------------------------------------

  static JsonNode expectedDocument() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode doc = f.objectNode();
    doc.put(
        "description",
        "The seed's error codes (Fejlkode, Fejltekst, Beskrivelse verbatim). A documentation copy of"
            + " the Java enum dk.jobagent.schemas.ErrorCode, which is the single source;"
            + " ErrorCodeCatalogueTest keeps the two equal. side: INGEST = answered by ingest-api"
            + " (HTTP status httpStatus), WORKER = reported in a receipt, READ = answered by"
            + " GetJobagent. httpStatus is null for codes that only appear in receipts.");
    ArrayNode codes = doc.putArray("codes");
    for (ErrorCode code : ErrorCode.values()) {
      ObjectNode entry = codes.addObject();
      entry.put("code", code.code());
      entry.put("name", code.name());
      entry.put("text", code.text());
      entry.put("description", code.description());
      entry.put("side", code.side().name());
      if (code.httpStatus() == 0) {
        entry.putNull("httpStatus");
      } else {
        entry.put("httpStatus", code.httpStatus());
      }
      entry.put("warning", code.isWarning());
    }
    return doc;
  }

  @Test
  void theJsonCopySaysWhatTheEnumSays() throws IOException {
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    JsonNode expected = expectedDocument();
    if (Boolean.getBoolean("jobagent.write-error-codes")) {
      Files.writeString(DOC_COPY, json.writeValueAsString(expected) + "\n");
    }
    assertThat(DOC_COPY).isRegularFile();
    JsonNode actual = json.readTree(DOC_COPY.toFile());
    assertThat(actual)
        .as("json/error-codes.json differs from ErrorCode; regenerate it (see the class comment)")
        .isEqualTo(expected);
  }

  @Test
  void aDriftingCopyWouldBeCaught() {
    ObjectNode drifted = (ObjectNode) expectedDocument();
    ((ObjectNode) drifted.withArray("codes").get(0)).put("text", "Invalid CPR");
    assertThatThrownBy(() -> assertThat(drifted).isEqualTo(expectedDocument()))
        .isInstanceOf(AssertionError.class);
  }
}
