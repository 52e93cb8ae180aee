package dk.jobagent.worker.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dk.jobagent.schemas.CprMask;

/**
 * {@code %maskedEx}: stack traces with CPR numbers masked. Exception messages can carry one (e.g.
 * PostgreSQL's "Key (cpr)=(…) already exists").
 */
public class CprMaskingThrowableConverter extends ExtendedThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return CprMask.maskAll(super.throwableProxyToString(proxy));
  }
}
