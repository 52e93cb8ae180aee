package dk.jobagent.worker.security;

import dk.jobagent.schemas.security.DevTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * While {@code jobagent.security.dev-key.enabled} is true (the default, for local runs) the worker
 * accepts tokens signed with the dev key, and additionally those of a configured issuer or JWK set.
 * With it false this configuration steps aside and Spring Boot builds the decoder from {@code
 * spring.security.oauth2.resourceserver.jwt.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "jobagent.security.dev-key.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class DevKeyJwtDecoderConfig {

  private static final Logger log = LoggerFactory.getLogger(DevKeyJwtDecoderConfig.class);

  @Bean
  JwtDecoder jwtDecoder(Environment env) {
    log.warn(
        "jobagent.security.dev-key.enabled=true: the worker accepts tokens signed with the"
            + " PUBLISHED dev key. Never run production like this.");
    NimbusJwtDecoder dev = NimbusJwtDecoder.withPublicKey(DevTokens.publicKey()).build();
    dev.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokens.ISSUER));
    JwtDecoder configured = configured(env);
    if (configured == null) {
      return dev;
    }
    return token -> {
      try {
        return dev.decode(token);
      } catch (JwtException notDev) {
        return configured.decode(token);
      }
    };
  }

  private static JwtDecoder configured(Environment env) {
    String jwkSetUri = env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "");
    String issuerUri = env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
    if (!jwkSetUri.isBlank()) {
      return NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    }
    if (!issuerUri.isBlank()) {
      // resolved on first use, so start-up does not depend on the issuer being reachable
      return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuerUri));
    }
    return null;
  }
}
