package dk.jobagent.ingest.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dk.jobagent.schemas.CprMask;

/**
 * {@code %maskedMsg}: the log message with every CPR-shaped number masked ({@code 010190****}), so
 * no log line carries a full CPR whatever a developer passes to a logger.
 */
public class CprMaskingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return CprMask.maskAll(super.convert(event));
  }
}
