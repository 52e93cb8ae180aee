package dk.jobagent.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

/** The seed's CPR pattern at its edges, and x-requestId's 1–46 characters. */
class CprAndRequestIdTest {

  private static final SyntaxCheck CHECK = SyntaxCheck.load();

  @ParameterizedTest
  @ValueSource(
      strings = {
        // 31-day months accept day 31
        "3101901234",
        "3103901234",
        "3105901234",
        "3107901234",
        "3108901234",
        "3110901234",
        "3112901234",
        // 30-day months accept day 30
        "3004901234",
        "3006901234",
        "3009901234",
        "3011901234",
        // February up to 29 (any year: the pattern does not know leap years)
        "2902901234",
        "2802001234",
        "0102991234",
        // first day, and digit 7 of every century
        "0101000000",
        "0101904999",
        "0101905999",
        "0101909999",
        // "unknown": passes here, rejected by the worker with 1010
        "0000000000"
      })
  void acceptedCprs(String cpr) {
    assertThat(CHECK.checkCpr(cpr).ok()).as(cpr).isTrue();
    // the schema itself (what the OpenAPI document publishes) agrees
    assertThat(ContractSchemas.get().errors("definitions#/$defs/Cpr", text(cpr))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // 30-day months reject day 31
        "3104901234",
        "3106901234",
        "3109901234",
        "3111901234",
        // February rejects 30 and 31
        "3002901234",
        "3102901234",
        // day 00, day 32, month 00, month 13
        "0001901234",
        "3201901234",
        "0100901234",
        "0113901234",
        // 9 and 11 digits
        "010190123",
        "01019012345",
        // letters, separators, blanks
        "010190123A",
        "ABCDEFGHIJ",
        "010190-1234",
        "0101 901234",
        " 0101901234",
        // leading or trailing junk around a valid number (the pattern must be anchored)
        "x0101901234",
        "0101901234x",
        "0101901234\n",
        "\n0101901234",
        "00101901234",
        "00000000000",
        "000000000",
        "0000000000 ",
        // full-width digits are digits to Unicode, not to the seed
        "０１０１９０１２３４"
      })
  void rejectedCprsAre1001(String cpr) {
    SyntaxResult result = CHECK.checkCpr(cpr);
    assertThat(result.code()).as(cpr).isEqualTo(ErrorCode.INVALID_CPR);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("x-civilRegistrationIdentifier");
              // a fixed text: nothing of the value is echoed
              assertThat(e.message()).isEqualTo(CHECK.checkCpr("x").errors().getFirst().message());
            });
    assertThat(ContractSchemas.get().errors("definitions#/$defs/Cpr", text(cpr))).isNotEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void missingCprIs1001(String cpr) {
    assertThat(CHECK.checkCpr(cpr).code()).isEqualTo(ErrorCode.INVALID_CPR);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 36, 45, 46})
  void requestIdsOf1To46CharactersPass(int length) {
    assertThat(CHECK.checkRequestId("r".repeat(length)).ok()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {47, 48, 100, 10_000})
  void requestIdsLongerThan46Are1014(int length) {
    SyntaxResult result = CHECK.checkRequestId("r".repeat(length));
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors()).extracting(FieldError::field).containsExactly("x-requestId");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void missingOrEmptyRequestIdIs1014(String requestId) {
    SyntaxResult result = CHECK.checkRequestId(requestId);
    assertThat(result.code()).isEqualTo(ErrorCode.MESSAGE_VALIDATION);
    assertThat(result.errors()).extracting(FieldError::field).containsExactly("x-requestId");
  }

  @org.junit.jupiter.api.Test
  void requestIdLengthCountsCharactersNotBytes() {
    // 46 Danish letters are 92 UTF-8 bytes and still 46 characters.
    assertThat(CHECK.checkRequestId("ø".repeat(46)).ok()).isTrue();
    assertThat(CHECK.checkRequestId("ø".repeat(47)).ok()).isFalse();
  }

  private static tools.jackson.databind.JsonNode text(String value) {
    return JsonNodeFactory.instance.stringNode(value);
  }
}
