package dk.jobagent.ingest.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that were verified, until they expire. Callers reuse one token for many
 * requests, and an RS256 verification costs more CPU than the rest of an accept, so this is the
 * difference between the JVM spending its time on cryptography or on requests. Only tokens that
 * passed the full verification are kept, the expiry is checked on every hit, and the cache is
 * bounded (cleared when full).
 */
final class CachingJwtDecoder implements JwtDecoder {

  static final int MAX_ENTRIES = 10_000;

  private final JwtDecoder delegate;
  private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

  CachingJwtDecoder(JwtDecoder delegate) {
    this.delegate = delegate;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt cached = verified.get(token);
    Instant now = Instant.now();
    if (cached != null) {
      if (cached.getExpiresAt() != null && cached.getExpiresAt().isAfter(now)) {
        return cached;
      }
      verified.remove(token);
    }
    Jwt jwt = delegate.decode(token);
    if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
    return jwt;
  }
}
