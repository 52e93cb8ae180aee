package dk.jobagent.worker.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dk.jobagent.schemas.CprMask;

/**
 * {@code %maskedMsg} in logback-spring.xml: the log message with every CPR-shaped number masked
 * ({@code 010190****}), whatever a caller or a library put into it.
 */
public class CprMaskingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return CprMask.maskAll(super.convert(event));
  }
}
