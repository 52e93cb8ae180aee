package dk.jobagent.worker.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jobagent.security.dev-key.enabled} (default true): accept tokens signed with the published
 * dev key ({@code dk.jobagent.schemas.security.DevTokens}). Turn it off in production and set
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}.
 */
@ConfigurationProperties("jobagent.security.dev-key")
public record DevKeyProperties(Boolean enabled) {

  public DevKeyProperties {
    enabled = enabled == null ? Boolean.TRUE : enabled;
  }
}
