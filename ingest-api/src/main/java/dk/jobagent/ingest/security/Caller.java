package dk.jobagent.ingest.security;

import dk.jobagent.schemas.security.DevTokens;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from the bearer token: the client id (claim {@code client_id}, else {@code sub})
 * keys dedupe, receipt ownership and reply routing; the access category (claim {@code
 * access_category}) decides which operations the caller may use.
 */
public record Caller(String clientId, String accessCategory) {

  public static Caller of(Jwt jwt) {
    String clientId = jwt.getClaimAsString(DevTokens.CLAIM_CLIENT_ID);
    if (clientId == null || clientId.isBlank()) {
      clientId = jwt.getSubject();
    }
    return new Caller(clientId, jwt.getClaimAsString(DevTokens.CLAIM_ACCESS_CATEGORY));
  }
}
