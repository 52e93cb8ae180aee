package dk.jobagent.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CprMaskTest {

  @Test
  void masksNumbersThatCouldBeACpr() {
    assertThat(CprMask.maskAll("citizen 0101909001 refused"))
        .isEqualTo("citizen 010190**** refused");
    assertThat(CprMask.maskAll("0101909001")).isEqualTo("010190****");
    // the written form with a dash after the birth date
    assertThat(CprMask.maskAll("cpr 010190-9001.")).isEqualTo("cpr 010190****.");
    // the SPEC's "unknown" CPR
    assertThat(CprMask.maskAll("x=0000000000")).isEqualTo("x=000000****");
    assertThat(CprMask.maskAll("x=000000-0000")).isEqualTo("x=000000****");
    // every valid day/month edge of the SPEC's pattern
    assertThat(CprMask.maskAll("3101909001 3012909001 2902909001 3004909001 0112909001"))
        .isEqualTo("310190**** 301290**** 290290**** 300490**** 011290****");
    // next to letters and punctuation, several in one text
    assertThat(CprMask.maskAll("Key (cpr)=(0303809001) and cpr=1512909123;"))
        .isEqualTo("Key (cpr)=(030380****) and cpr=151290****;");
  }

  @Test
  void leavesOtherTenDigitNumbersAlone() {
    String message = "YearLastUsed: must have a maximum value of 2147483647";
    assertThat(CprMask.maskAll(message)).isEqualTo(message);
    assertThat(CprMask.maskAll("9999999999")).isEqualTo("9999999999");
    // day 00 or 32, month 00 or 13, 30 February, 31 April: no such birth date
    for (String notACpr :
        new String[] {
          "0001909001",
          "3201909001",
          "0100909001",
          "0113909001",
          "3002909001",
          "3104909001",
          "0000000001",
          "1000000000"
        }) {
      assertThat(CprMask.maskAll("n=" + notACpr)).isEqualTo("n=" + notACpr);
    }
    // part of a longer number (a timestamp in millis, an 11-digit id)
    assertThat(CprMask.maskAll("at 1764253200000")).isEqualTo("at 1764253200000");
    assertThat(CprMask.maskAll("id 01019090011")).isEqualTo("id 01019090011");
    assertThat(CprMask.maskAll(null)).isNull();
  }

  @Test
  void maskKeepsTheBirthDate() {
    assertThat(CprMask.mask("0101909001")).isEqualTo("010190****");
    assertThat(CprMask.mask("123")).isEqualTo("****");
    assertThat(CprMask.mask(null)).isNull();
  }
}
