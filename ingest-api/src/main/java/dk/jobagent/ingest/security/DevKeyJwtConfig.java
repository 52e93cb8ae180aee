package dk.jobagent.ingest.security;

import dk.jobagent.schemas.security.DevTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Dev mode ({@code jobagent.security.dev-key.enabled=true}): tokens signed with the committed dev
 * key are accepted. When an issuer or JWK set URI is also configured, those tokens are accepted as
 * well (dev first, it needs no network). With dev mode off this class is inactive and Spring Boot
 * builds the decoder from {@code spring.security.oauth2.resourceserver.jwt.*} as usual.
 */
@Configuration
@ConditionalOnProperty(
    name = "jobagent.security.dev-key.enabled",
    havingValue = "true",
    matchIfMissing = true)
class DevKeyJwtConfig {

  private static final Logger log = LoggerFactory.getLogger(DevKeyJwtConfig.class);

  @Bean
  JwtDecoder jwtDecoder(
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
    log.warn(
        "DEV SIGNING KEY ENABLED: tokens signed with the published dev key are accepted."
            + " Set jobagent.security.dev-key.enabled=false in production.");
    NimbusJwtDecoder dev = NimbusJwtDecoder.withPublicKey(DevTokens.publicKey()).build();
    dev.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokens.ISSUER));
    JwtDecoder production = null;
    if (!jwkSetUri.isBlank()) {
      production = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    } else if (!issuerUri.isBlank()) {
      production = new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuerUri));
    }
    if (production == null) {
      return dev;
    }
    JwtDecoder other = production;
    return token -> {
      try {
        return dev.decode(token);
      } catch (JwtException devRefused) {
        return other.decode(token);
      }
    };
  }
}
