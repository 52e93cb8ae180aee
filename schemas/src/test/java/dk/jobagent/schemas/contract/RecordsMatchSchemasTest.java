package dk.jobagent.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.api.Receipt;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.api.ServiceReceipt;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.validation.ContractSchemas;
import dk.jobagent.schemas.validation.SyntaxCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java records the modules exchange serialize (with Jackson 3's defaults, as Spring Boot's
 * mapper does) to JSON that keeps to the published schemas, and the schemas' examples read back
 * into the records: the two descriptions of one contract cannot drift apart unnoticed.
 */
class RecordsMatchSchemasTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ContractSchemas SCHEMAS = ContractSchemas.get();

  private static JsonNode tree(Object value) {
    return JSON.readTree(JSON.writeValueAsString(value));
  }

  @Test
  void enrolmentCommandKeepsToItsSchema() {
    EnrolmentCommand command =
        new EnrolmentCommand(
            "akasse-demo", "r-1", Operation.UPDATE, Instant.parse("2026-11-27T09:15:00.123456Z"));
    assertThat(SCHEMAS.errors("enrolment-command", tree(command))).isEmpty();
    EnrolmentCommand onTheHour =
        new EnrolmentCommand(
            "akasse-demo", "r-2", Operation.CREATE, Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(SCHEMAS.errors("enrolment-command", tree(onTheHour))).isEmpty();
  }

  @Test
  void receiptsKeepToTheirSchema() {
    OffsetDateTime received = OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.ofHours(1));
    Receipt pending =
        new Receipt(
            "r-1", Operation.CREATE, ReceiptStatus.PENDING, received, null, null, null, null);
    assertThat(SCHEMAS.errors("receipt", tree(pending))).isEmpty();

    EnrollmentAndBookResponse result =
        new EnrollmentAndBookResponse(
            new ServiceReceipt(received.plusSeconds(2), "0f8fad5b-d9cb-469f-a165-70867728950e"),
            "Booket.",
            "70 12 34 56",
            null,
            true,
            "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    Receipt completed =
        new Receipt(
            "r-1",
            Operation.UPDATE,
            ReceiptStatus.COMPLETED,
            received,
            received.plusSeconds(3),
            result,
            null,
            List.of(ReceiptError.of(ErrorCode.MISSING_DATA_WARNING)));
    assertThat(SCHEMAS.errors("receipt", tree(completed))).isEmpty();

    Receipt rejected =
        new Receipt(
            "r-2",
            Operation.DELETE,
            ReceiptStatus.REJECTED,
            received,
            received.plusSeconds(1),
            null,
            List.of(ReceiptError.of(ErrorCode.UNKNOWN_IDENTIFIER)),
            List.of());
    assertThat(SCHEMAS.errors("receipt", tree(rejected))).isEmpty();
  }

  @Test
  void aJobCenterReceiptOver10000CharactersBreaksTheSchema() {
    EnrollmentAndBookResponse tooLong =
        new EnrollmentAndBookResponse(
            new ServiceReceipt(
                OffsetDateTime.now(ZoneOffset.UTC), "0f8fad5b-d9cb-469f-a165-70867728950e"),
            "x".repeat(10_001),
            null,
            null,
            true,
            null);
    assertThat(SCHEMAS.errors("enrollment-and-book-response", tree(tooLong)))
        .singleElement()
        .asString()
        .contains("/JobCenterReceipt");
    EnrollmentAndBookResponse atTheLimit =
        new EnrollmentAndBookResponse(
            tooLong.serviceReceipt(), "x".repeat(10_000), null, null, true, null);
    assertThat(SCHEMAS.errors("enrollment-and-book-response", tree(atTheLimit))).isEmpty();
  }

  @Test
  void requestRecordsWriteBodiesTheSyntaxCheckAccepts() {
    ProfessionType wish =
        new ProfessionType(
            "http://data.europa.eu/esco/occupation/1",
            null,
            true,
            2024,
            12,
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    JobagentRequest create =
        new JobagentRequest(
            "DAGPENGE",
            "2026-11-27",
            "FULDT_LEDIG",
            null,
            null,
            List.of(wish),
            null,
            null,
            null,
            null);
    JobagentRequest update =
        new JobagentRequest(
            "DAGPENGE",
            "2026-11-27",
            "FULDT_LEDIG",
            null,
            "a@b.dk",
            List.of(wish),
            "2026-12-01T10:00:00+01:00",
            "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            null,
            "TELEFONISK");
    SyntaxCheck check = SyntaxCheck.load();
    assertThat(check.checkBodyNode(Operation.CREATE, tree(create)).errors()).isEmpty();
    assertThat(check.checkBodyNode(Operation.UPDATE, tree(update)).errors()).isEmpty();
  }

  @Test
  void examplesReadIntoTheRecords() throws Exception {
    Path examples = ExamplesTest.EXAMPLES;
    JobagentRequest update =
        JSON.readValue(
            examples.resolve("update-jobagent-request/valid-full.json").toFile(),
            JobagentRequest.class);
    assertThat(update.interviewOptionId()).isNotBlank();
    assertThat(update.professions())
        .singleElement()
        .satisfies(p -> assertThat(p.yearLastUsed()).isEqualTo(2025));
    try (var files = Files.list(examples.resolve("receipt"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("valid")).toList()) {
        Receipt receipt = JSON.readValue(file.toFile(), Receipt.class);
        assertThat(receipt.status()).as(file.toString()).isNotNull();
        // and back again, still valid
        assertThat(SCHEMAS.errors("receipt", tree(receipt))).as(file.toString()).isEmpty();
      }
    }
  }
}
