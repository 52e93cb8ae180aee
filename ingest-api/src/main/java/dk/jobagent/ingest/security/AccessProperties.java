package dk.jobagent.ingest.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jobagent.access.allowed.<create|update|delete|get>}: the access categories (the seed's
 * "Tilladte organisationer") allowed per operation. An operation that is not configured falls back
 * to the seed's default: {@code STAR} and {@code System - alle borgere}.
 */
@ConfigurationProperties("jobagent.access")
public record AccessProperties(Map<String, List<String>> allowed) {

  static final List<String> DEFAULT = List.of("STAR", "System - alle borgere");

  public AccessProperties {
    allowed = allowed == null ? Map.of() : Map.copyOf(allowed);
  }

  List<String> allowedFor(String operation) {
    return allowed.getOrDefault(operation, DEFAULT);
  }
}
