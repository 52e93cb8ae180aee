package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.validation.ContractSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The loader and the published row contracts ({@code schemas/json/reference-*-row.schema.json})
 * agree: the contract's examples are accepted or refused by the loader's checks alike, and every
 * row of the demo set keeps to the contract.
 */
class ReferenceContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static RowFormat format(String kind) {
    return switch (kind) {
      case "persons" -> new PersonFormat();
      case "absences" -> new AbsenceFormat(Set.of("BARSEL", "SYGDOM", "FERIE"));
      case "occupations" -> new OccupationFormat();
      default -> new AliasFormat();
    };
  }

  private static String contract(String kind) {
    return switch (kind) {
      case "persons" -> "reference-person-row";
      case "absences" -> "reference-absence-row";
      case "occupations" -> "reference-occupation-row";
      default -> "reference-alias-row";
    };
  }

  /** The loader's verdict on a row given as a JSON object keyed by header name. */
  private static boolean loaderAccepts(String kind, JsonNode row) {
    RowFormat format = format(kind);
    List<String> fields = new ArrayList<>();
    for (String column : format.header()) {
      if (row.has(column)) {
        fields.add(row.get(column).asString());
      }
    }
    if (fields.size() != format.header().size()) {
      return false; // the loader's column-count check
    }
    try {
      format.parse(fields);
      return true;
    } catch (RowRejectedException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0} {1}: valid {2}")
  @CsvSource({
    "persons, valid, true",
    "persons, valid-dead-no-email, true",
    "persons, invalid-boolean, false",
    "persons, invalid-missing-column, false",
    "absences, valid-open-ended, true",
    "absences, invalid-from-date, false",
    "occupations, valid, true",
    "occupations, invalid-status, false",
    "aliases, valid, true",
    "aliases, invalid-alias-id, false"
  })
  void theContractsExamplesGetTheSameVerdictFromTheLoader(
      String kind, String example, boolean valid) throws IOException {
    String resource = "contracts/examples/" + contract(kind) + "/" + example + ".json";
    JsonNode row;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      row = JSON.readTree(in);
    }
    assertThat(ContractSchemas.get().errors(contract(kind), row).isEmpty()).isEqualTo(valid);
    assertThat(loaderAccepts(kind, row)).isEqualTo(valid);
  }

  @Test
  void everyDemoRowKeepsToTheContract() throws IOException {
    for (String kind : List.of("persons", "absences", "occupations", "aliases")) {
      RowFormat format = format(kind);
      try (Reader reader =
          Files.newBufferedReader(
              DemoDataTest.demoDir().resolve(kind + ".csv"), StandardCharsets.UTF_8)) {
        CsvRecordReader csv = new CsvRecordReader(reader);
        csv.next(); // header
        CsvRecord record;
        int rows = 0;
        while ((record = csv.next()) != null) {
          ObjectNode row = JSON.createObjectNode();
          for (int i = 0; i < format.header().size(); i++) {
            row.put(format.header().get(i), record.fields().get(i));
          }
          assertThat(ContractSchemas.get().errors(contract(kind), row))
              .as("%s line %d", kind, record.line())
              .isEmpty();
          rows++;
        }
        assertThat(rows).as(kind).isPositive();
      }
    }
  }
}
