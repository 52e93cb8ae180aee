package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dk.jobagent.bookingsim.web.ProblemType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The simulator implements schemas/booking-api.yaml: the same operations, the same problem table,
 * and answers that validate against the document's schemas.
 */
class BookingContractTest extends SimTestBase {

  private static final JsonNode DOCUMENT =
      YAMLMapper.builder().build().readTree(Path.of("../schemas/booking-api.yaml").toFile());

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void theDocumentIsOpenApi31() {
    assertThat(DOCUMENT.path("openapi").asString()).startsWith("3.1.");
  }

  @Test
  void everyDocumentedOperationIsServedAndNothingElse() {
    Set<String> documented = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : DOCUMENT.path("paths").properties()) {
      for (String method : path.getValue().propertyNames()) {
        documented.add(method.toUpperCase() + " " + normalise(path.getKey()));
      }
    }
    Set<String> served = new HashSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      for (String pattern : entry.getKey().getPatternValues()) {
        if (pattern.startsWith("/v1/") || pattern.startsWith("/admin/")) {
          entry
              .getKey()
              .getMethodsCondition()
              .getMethods()
              .forEach(m -> served.add(m.name() + " " + normalise(pattern)));
        }
      }
    }
    assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void theProblemTableIsTheSimulatorsProblems() {
    String description = DOCUMENT.path("info").path("description").asString();
    Matcher row =
        Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3})[^|]*\\| (\\d{4}|-) \\|", Pattern.MULTILINE)
            .matcher(description);
    List<String> table = new ArrayList<>();
    while (row.find()) {
      table.add(row.group(1) + " " + row.group(2) + " " + row.group(3));
    }
    List<String> enumerated = new ArrayList<>();
    for (ProblemType type : ProblemType.values()) {
      if (type != ProblemType.DATA_INVALID) { // documented at PUT /admin/data
        enumerated.add(
            type.reason()
                + " "
                + type.status()
                + " "
                + (type.seedCode() == null ? "-" : type.seedCode()));
      }
    }
    assertThat(table).containsExactlyElementsOf(enumerated);
  }

  @Test
  void answersValidateAgainstTheDocumentsSchemas() throws Exception {
    String cpr = freshCpr();
    Answer booking = book(freshKey(), cpr, SUPERVISED_INFO, freeSlot(SUPERVISED_INFO), "80001");
    assertValid("Booking", booking.body());
    assertValid(
        "Booking", book(freshKey(), cpr, OPEN_JOBSAMTALE, freeSlot(OPEN_JOBSAMTALE), null).body());
    assertValid("InterviewOption", get("/v1/interview-options/" + SUPERVISED_INFO).body());
    assertValid("Caseworker", get("/v1/caseworkers/80001").body());
    assertValid("Jobcenter", get("/v1/jobcenters/T2").body());
    assertValid(
        "CitizenBookings",
        get("/v1/citizen/bookings", "x-civilRegistrationIdentifier", cpr).body());
    assertValid(
        "CitizenBookings",
        get("/v1/citizen/bookings", "x-civilRegistrationIdentifier", "0303909801").body());
    assertValid(
        "Problem",
        book(freshKey(), "0303909802", INACTIVE, "2090-02-01T09:17:00+01:00", "80003").body());
    assertValid("Problem", post("/v1/bookings", freshKey(), "{}").body());
    assertValid("Problem", get("/v1/interview-options/" + UNKNOWN_OPTION).body());
    assertValid("DataSummary", get("/admin/data").body());
    assertValid("Faults", get("/admin/faults").body());
    for (JsonNode adminBooking : get("/admin/bookings").body()) {
      assertValid("AdminBooking", adminBooking);
    }
  }

  @Test
  void theSchemaCheckIsNotVacuous() {
    ObjectNode wrong = JSON.createObjectNode();
    wrong.put("indkaldelseId", "not-a-guid");
    assertThat(errors("Booking", wrong)).isNotEmpty();
    assertThat(errors("Problem", JSON.createObjectNode())).isNotEmpty();
  }

  private static void assertValid(String component, JsonNode node) {
    assertThat(errors(component, node)).as(component + ": " + node).isEmpty();
  }

  private static List<com.networknt.schema.Error> errors(String component, JsonNode node) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", DOCUMENT.path("components"));
    root.put("$ref", "#/components/schemas/" + component);
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
    return schema.validate(node);
  }

  /** Path templates are compared by shape: {rid} and {id} are the same segment. */
  private static String normalise(String pattern) {
    return pattern.replaceAll("\\{[^}]+}", "{}");
  }
}
