package dk.jobagent.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CprHashTest {

  @Test
  void hmacIsRfc2104HmacSha256OfTheCprWithTheSecret() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertThat(new CprHash("Jefe").hmacHex("what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void sameCprSameHashOtherSecretOtherHash() {
    CprHash a = new CprHash("secret-a");
    assertThat(a.hmac("0101901234")).isEqualTo(a.hmac("0101901234")).hasSize(32);
    assertThat(a.hmac("0101901234")).isNotEqualTo(a.hmac("0101901235"));
    assertThat(new CprHash("secret-b").hmac("0101901234")).isNotEqualTo(a.hmac("0101901234"));
    assertThat(a.hmacHex("0101901234"))
        .isEqualTo(HexFormat.of().formatHex(a.hmac("0101901234")))
        .doesNotContain("0101901234");
  }

  @Test
  void maskedKeepsTheBirthDateOnly() {
    assertThat(CprHash.masked("0101901234")).isEqualTo("010190****");
    assertThat(new CprHash("x").hmac(null)).isNull();
  }

  @Test
  void emptySecretIsRefused() {
    assertThatThrownBy(() -> new CprHash("")).isInstanceOf(IllegalArgumentException.class);
  }
}
