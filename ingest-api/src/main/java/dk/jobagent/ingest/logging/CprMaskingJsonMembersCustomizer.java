package dk.jobagent.ingest.logging;

import dk.jobagent.schemas.CprMask;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Structured (JSON) logs: every string value written (message, stack trace, MDC, key-value pairs)
 * passes through {@link CprMask#maskAll}, so the JSON lines never carry a full CPR either (SPEC
 * §9). Wired by {@code logging.structured.json.customizer} in application.yml; used when profile
 * {@code json-logs} selects the structured console appender in logback-spring.xml.
 */
public class CprMaskingJsonMembersCustomizer
    implements StructuredLoggingJsonMembersCustomizer<Object> {

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, CprMask::maskAll));
  }
}
