package dk.jobagent.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

class CachingJwtDecoderTest {

  private static Jwt jwt(String token, Instant expires) {
    return Jwt.withTokenValue(token)
        .header("alg", "RS256")
        .claim("sub", "c")
        .issuedAt(Instant.now().minusSeconds(60))
        .expiresAt(expires)
        .build();
  }

  @Test
  void verifiesATokenOnceUntilItExpires() throws Exception {
    AtomicInteger verifications = new AtomicInteger();
    Instant soon = Instant.now().plusMillis(300);
    CachingJwtDecoder decoder =
        new CachingJwtDecoder(
            token -> {
              verifications.incrementAndGet();
              if (Instant.now().isAfter(soon)) {
                throw new BadJwtException("expired");
              }
              return jwt(token, soon);
            });
    decoder.decode("t");
    decoder.decode("t");
    assertThat(verifications).hasValue(1);
    Thread.sleep(400);
    assertThatThrownBy(() -> decoder.decode("t")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void refusedTokensAreNotRemembered() {
    AtomicInteger verifications = new AtomicInteger();
    CachingJwtDecoder decoder =
        new CachingJwtDecoder(
            token -> {
              verifications.incrementAndGet();
              throw new BadJwtException("bad signature");
            });
    assertThatThrownBy(() -> decoder.decode("x")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode("x")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).hasValue(2);
  }
}
