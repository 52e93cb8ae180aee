package dk.jobagent.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The log pattern's converters mask CPR numbers in messages, arguments and stack traces. */
class CprMaskingConvertersTest {

  @Test
  void messagesArgumentsAndStackTracesAreMasked() {
    LoggerContext context = new LoggerContext();
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("maskedMsg", CprMaskingMessageConverter::new);
    layout.getInstanceConverterMap().put("maskedEx", CprMaskingThrowableConverter::new);
    layout.setPattern("%maskedMsg%n%maskedEx");
    layout.start();

    LoggingEvent event =
        new LoggingEvent(
            "test",
            context.getLogger("test"),
            Level.ERROR,
            "citizen {} and 0202801234 failed",
            new IllegalStateException("Key (cpr)=(0303805678) already exists"),
            new Object[] {"0101801000"});

    String line = layout.doLayout(event);

    assertThat(line)
        .contains("citizen 010180**** and 020280**** failed")
        .contains("Key (cpr)=(030380****) already exists")
        .contains("at dk.jobagent.worker.logging.CprMaskingConvertersTest")
        .doesNotContain("0101801000")
        .doesNotContain("0202801234")
        .doesNotContain("0303805678");
  }
}
