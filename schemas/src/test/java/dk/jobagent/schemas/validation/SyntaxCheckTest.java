package dk.jobagent.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SyntaxCheckTest {

  private static final SyntaxCheck CHECK = SyntaxCheck.load();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String CREATE =
      """
      {"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"2026-11-27",
       "CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG","Haendelsesdato":"2026-11-27T10:00:00+01:00",
       "EmailAddressIdentifier":"borger@example.org",
       "Profession":[{"ConceptUriDa":"http://data.europa.eu/esco/occupation/0001","HasEducation":true,
         "jobTargetIdentifier":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}]}
      """;

  private static final String UPDATE =
      """
      {"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"2026-11-27",
       "CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG",
       "Profession":[{"ConceptUriDa":"http://data.europa.eu/esco/occupation/0001","HasEducation":true,
         "YearLastUsed":2025,"MonthsOfExperience":12,
         "jobTargetIdentifier":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}],
       "BookingStartTime":"2026-12-01T10:00:00Z","InterviewOptionID":"6F9619FF-8B86-D011-B42D-00C04FC964FF",
       "CaseWorkerIdentifier":"RID-12345","InterviewContactTypeIdentifier":"TELEFONISK"}
      """;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void loadIsShared() {
    assertThat(SyntaxCheck.load()).isSameAs(CHECK);
  }

  @Test
  void validCreateAndUpdatePass() {
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(CREATE)).ok()).isTrue();
    assertThat(CHECK.checkBody(Operation.UPDATE, utf8(UPDATE)).ok()).isTrue();
  }

  @Test
  void createBodyIsNotAnUpdate() {
    SyntaxResult result = CHECK.checkBody(Operation.UPDATE, utf8(CREATE));
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors())
        .extracting(FieldError::field)
        .contains(
            "/BookingStartTime",
            "/InterviewOptionID",
            "/InterviewContactTypeIdentifier",
            "/Profession/0/YearLastUsed",
            "/Profession/0/MonthsOfExperience");
  }

  @Test
  void everyFieldErrorIsListedAtOnce() {
    String body =
        """
        {"ClientCategoryTypeIdentifier":7,"EnrollmentDate":"27-11-2026","Colour":"blue",
         "EmailAddressIdentifier":"no-at-sign",
         "Profession":[{"ConceptUriDa":"x","HasEducation":"yes","AliasIdentifier":"nope",
           "jobTargetIdentifier":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}]}
        """;
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.ok()).isFalse();
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "/ClientCategoryTypeIdentifier",
            "/EnrollmentDate",
            "/Colour",
            "/EmailAddressIdentifier",
            "/CurrentUnemploymentStatusTypeIdentifier",
            "/Profession/0/HasEducation",
            "/Profession/0/AliasIdentifier");
    assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27",
        "2026-11-27T10:00:00+01:00",
        "2026-11-27T10:00:00Z",
        "2026-11-27T10:00:00",
        "2026-11-27T10:00",
        "2026-11-27T10:00:00.123Z",
        "2028-02-29"
      })
  void isoDatesAndDateTimesAreAccepted(String date) {
    String body = CREATE.replace("\"2026-11-27\"", "\"" + date + "\"");
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(body)).ok()).as(date).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30",
        "2026-02-29",
        "2026-13-01",
        "2026-11-27T25:00:00Z",
        "2026-11-27T10:00:00+25:00",
        "27-11-2026",
        "2026-11-27 10:00",
        "2026-11-27\n",
        "tomorrow",
        ""
      })
  void impossibleOrMalformedDatesAreRejected(String date) {
    String body = CREATE.replace("\"2026-11-27\"", JSON.writeValueAsString(date));
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.code()).as(date).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors()).extracting(FieldError::field).containsExactly("/EnrollmentDate");
  }

  @Test
  void bookingStartTimeMustBeARealTime() {
    String body = UPDATE.replace("2026-12-01T10:00:00Z", "2026-11-31T10:00:00Z");
    SyntaxResult result = CHECK.checkBody(Operation.UPDATE, utf8(body));
    assertThat(result.errors()).extracting(FieldError::field).containsExactly("/BookingStartTime");
  }

  @Test
  void duplicateKeysAreRejected() {
    String body =
        CREATE.replace(
            "{\"ClientCategoryTypeIdentifier\":\"DAGPENGE\",",
            "{\"ClientCategoryTypeIdentifier\":\"DAGPENGE\",\"ClientCategoryTypeIdentifier\":\"X\",");
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors().getFirst().message()).containsIgnoringCase("duplicate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{}}", "{} {}", "[1,2]", "\"text\"", "42", "null", "{'a':1}"})
  void notAnObjectOrNotJsonIs1014(String body) {
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.code()).as(body).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors()).isNotEmpty();
  }

  @Test
  void invalidUtf8Is1014() {
    byte[] body = utf8(CREATE);
    body[30] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, body);
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors().getFirst().message()).contains("UTF-8");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  \n"})
  void createNeedsABody(String body) {
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, body == null ? null : utf8(body));
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
  }

  @Test
  void deleteTakesNoBody() {
    assertThat(CHECK.checkBody(Operation.DELETE, null).ok()).isTrue();
    assertThat(CHECK.checkBody(Operation.DELETE, new byte[0]).ok()).isTrue();
    assertThat(CHECK.checkBodyNode(Operation.DELETE, null).ok()).isTrue();
    assertThat(CHECK.checkBody(Operation.DELETE, utf8("{}")).code())
        .isEqualTo(ErrorCode.MESSAGE_VALIDATION);
  }

  @Test
  void professionAllowsUpTo200Items() {
    String item =
        "{\"ConceptUriDa\":\"u\",\"HasEducation\":false,"
            + "\"jobTargetIdentifier\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"}";
    String base =
        "{\"ClientCategoryTypeIdentifier\":\"DAGPENGE\",\"EnrollmentDate\":\"2026-11-27\","
            + "\"CurrentUnemploymentStatusTypeIdentifier\":\"FULDT_LEDIG\",\"Profession\":[%s]}";
    String ok = base.formatted(String.join(",", java.util.Collections.nCopies(200, item)));
    String tooMany = base.formatted(String.join(",", java.util.Collections.nCopies(201, item)));
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(ok)).ok()).isTrue();
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(tooMany)).errors())
        .extracting(FieldError::field)
        .containsExactly("/Profession");
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(base.formatted(""))).ok()).isTrue();
  }

  @Test
  void parsedBodiesAreCheckedTheSameWay() {
    JsonNode node = JSON.readTree(CREATE);
    assertThat(CHECK.checkBodyNode(Operation.CREATE, node).ok()).isTrue();
    JsonNode bad = JSON.readTree(CREATE.replace("\"2026-11-27\"", "\"2026-02-30\""));
    assertThat(CHECK.checkBodyNode(Operation.CREATE, bad).errors())
        .extracting(FieldError::field)
        .containsExactly("/EnrollmentDate");
  }

  @Test
  void bulkLineWithBadCprIs1001AndListsTheOtherErrorsToo() {
    JsonNode line =
        JSON.readTree(
            "{\"requestId\":\"r-1\",\"cpr\":\"3102901234\",\"operation\":\"CREATE\",\"request\":"
                + CREATE.replace("\"2026-11-27\"", "\"2026-02-30\"")
                + "}");
    SyntaxResult result = CHECK.checkBulkLine(line);
    assertThat(result.code()).isEqualTo(ErrorCode.INVALID_CPR);
    assertThat(result.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("/cpr", "/request/EnrollmentDate");
    assertThat(result.toString()).doesNotContain("3102901234");
  }

  @Test
  void bulkLineOk() {
    JsonNode line =
        JSON.readTree(
            "{\"requestId\":\"r-1\",\"cpr\":\"0101901234\",\"operation\":\"CREATE\",\"request\":"
                + CREATE
                + "}");
    assertThat(CHECK.checkBulkLine(line).ok()).isTrue();
    // A line without cpr is like a call without the header: 1001.
    assertThat(CHECK.checkBulkLine(JSON.readTree("{\"requestId\":\"r\"}")).code())
        .isEqualTo(ErrorCode.INVALID_CPR);
    SyntaxResult noRequest =
        CHECK.checkBulkLine(JSON.readTree("{\"requestId\":\"r\",\"cpr\":\"0101901234\"}"));
    assertThat(noRequest.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(noRequest.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("/operation", "/request");
  }

  @Test
  void errorsNeverEchoACpr() {
    String body = CREATE.replace("\"Profession\"", "\"0101901234\":1,\"Profession\"");
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.ok()).isFalse();
    assertThat(result.toString()).doesNotContain("0101901234");
    SyntaxResult dup =
        CHECK.checkBody(Operation.CREATE, utf8("{\"0101901234\":1,\"0101901234\":2}"));
    assertThat(dup.ok()).isFalse();
    assertThat(dup.toString()).doesNotContain("0101901234");
  }

  // --- garbage never makes it throw ---------------------------------------------------------

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] garbage = new byte[random.nextInt(300)];
      random.nextBytes(garbage);
      for (Operation op : Operation.values()) {
        SyntaxResult result = CHECK.checkBody(op, garbage);
        assertThat(result).isNotNull();
      }
    }
  }

  @Test
  void randomMutationsOfAValidBodyNeverThrow() {
    Random random = new Random(7);
    byte[] valid = utf8(UPDATE);
    for (int i = 0; i < 2_000; i++) {
      byte[] mutated = valid.clone();
      for (int j = 0; j < 1 + random.nextInt(5); j++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      assertThat(CHECK.checkBody(Operation.UPDATE, mutated)).isNotNull();
    }
  }

  @Test
  void tenThousandLevelsOfNestingAre1014() {
    String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
    String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    String deepInProfession =
        CREATE.replace("\"HasEducation\":true", "\"HasEducation\":" + deepArrays);
    for (String body : new String[] {deepArrays, deepObjects, deepInProfession}) {
      SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
      assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
      assertThat(result.errors().getFirst().message()).contains("nesting");
    }
  }

  @Test
  void deepTreeFromElsewhereIs1014() {
    // A tree parsed without our limits (e.g. by a lenient reader) is still refused, iteratively.
    JsonMapper lenient =
        JsonMapper.builder(
                tools.jackson.core.json.JsonFactory.builder()
                    .streamReadConstraints(
                        tools.jackson.core.StreamReadConstraints.builder()
                            .maxNestingDepth(20_000)
                            .build())
                    .build())
            .build();
    JsonNode deep = lenient.readTree("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    assertThat(CHECK.checkBodyNode(Operation.CREATE, deep).code())
        .isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(CHECK.checkBulkLine(deep).code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
  }

  @Test
  void fiveMegabyteStringsAre1014() {
    String huge = "x".repeat(5 * 1024 * 1024);
    SyntaxResult asBody = CHECK.checkBody(Operation.CREATE, utf8(CREATE.replace("DAGPENGE", huge)));
    assertThat(asBody.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(CHECK.checkCpr(huge).code()).isEqualTo(ErrorCode.INVALID_CPR);
    assertThat(CHECK.checkRequestId(huge).code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    // Already parsed (no size guard on the way in): the schema's maxLength catches it.
    JsonNode node = JSON.readTree(CREATE.replace("borger@example.org", huge + "@example.org"));
    assertThat(CHECK.checkBodyNode(Operation.CREATE, node).errors())
        .extracting(FieldError::field)
        .containsExactly("/EmailAddressIdentifier");
  }

  @Test
  void tooManyErrorsAreCapped() {
    String item = "{}";
    String body =
        "{\"Profession\":[" + String.join(",", java.util.Collections.nCopies(150, item)) + "]}";
    SyntaxResult result = CHECK.checkBody(Operation.CREATE, utf8(body));
    assertThat(result.errors()).hasSize(SyntaxCheck.MAX_REPORTED_ERRORS + 1);
    assertThat(result.errors().getLast().message()).contains("more errors");
  }

  @Test
  void sharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
    byte[] good = utf8(UPDATE);
    byte[] bad = utf8(UPDATE.replace("2026-12-01T10:00:00Z", "2026-02-30T10:00:00Z"));
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        boolean expectOk = i % 2 == 0;
        results.add(
            pool.submit(
                () -> CHECK.checkBody(Operation.UPDATE, expectOk ? good : bad).ok() == expectOk));
      }
      for (var result : results) {
        assertThat(result.get()).isTrue();
      }
    }
  }

  @Test
  void nullMeansAbsentForOptionalMembersOnly() {
    String nulls =
        CREATE
            .replace("\"2026-11-27T10:00:00+01:00\"", "null")
            .replace("\"borger@example.org\"", "null");
    assertThat(CHECK.checkBody(Operation.CREATE, utf8(nulls)).ok()).isTrue();
    SyntaxResult requiredNull =
        CHECK.checkBody(Operation.CREATE, utf8(CREATE.replace("\"2026-11-27\"", "null")));
    assertThat(requiredNull.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("/EnrollmentDate");
              assertThat(e.message()).isEqualTo("null found, string expected");
            });
    SyntaxResult wrongType =
        CHECK.checkBody(Operation.CREATE, utf8(CREATE.replace("\"borger@example.org\"", "42")));
    assertThat(wrongType.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("integer found, string expected"));
    SyntaxResult updateNeedsExperience =
        CHECK.checkBody(
            Operation.UPDATE,
            utf8(UPDATE.replace("\"YearLastUsed\":2025", "\"YearLastUsed\":null")));
    assertThat(updateNeedsExperience.errors())
        .extracting(FieldError::field)
        .containsExactly("/Profession/0/YearLastUsed");
  }
}
