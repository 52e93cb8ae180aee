package dk.jobagent.ingest.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dk.jobagent.schemas.CprMask;

/**
 * {@code %maskedEx}: stack traces with CPR-shaped numbers masked (exception messages echo input).
 */
public class CprMaskingThrowableConverter extends ExtendedThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return CprMask.maskAll(super.convert(event));
  }
}
