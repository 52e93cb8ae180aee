package dk.jobagent.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared by both apps: each has {@code class JsonLogsTest extends JsonLogsContract {}}, so the
 * checks run against that app's own classpath resources.
 *
 * <p>Profile {@code json-logs}: the app's own logback-spring.xml and application.yml, configured
 * the way Spring Boot does it (its Joran configurator, so {@code <springProfile>} works), but into
 * a private LoggerContext so the JVM's logging is untouched. An event with a synthetic CPR in its
 * message and in its exception is encoded by the CONSOLE appender's encoder.
 */
public abstract class JsonLogsContract {

  private static final String CPR = "0703851234";
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  public void jsonLogsProfileWritesOneMaskedJsonObjectPerLine() throws Exception {
    Encoder<ILoggingEvent> encoder = consoleEncoder("json-logs");
    assertThat(encoder).isInstanceOf(StructuredLogEncoder.class);

    String line = new String(encoder.encode(eventWithCpr()), UTF_8);

    assertThat(line).endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n").doesNotContain(CPR);
    JsonNode json = JsonMapper.builder().build().readTree(line);
    assertThat(json.path("message").asString()).isEqualTo("rejected 070385**** for now");
    assertThat(json.path("log").path("level").asString()).isEqualTo("ERROR");
    assertThat(json.path("error").path("stack_trace").asString())
        .contains("Key (cpr)=(070385****) already exists")
        .contains("JsonLogsContract");
  }

  @Test
  public void withoutTheProfileTheMaskedPatternStays() throws Exception {
    Encoder<ILoggingEvent> encoder = consoleEncoder();
    assertThat(encoder).isNotInstanceOf(StructuredLogEncoder.class);

    String text = new String(encoder.encode(eventWithCpr()), UTF_8);

    assertThat(text).contains("rejected 070385**** for now").doesNotContain(CPR);
  }

  private LoggingEvent eventWithCpr() {
    Logger logger = context.getLogger("dk.jobagent.test");
    return new LoggingEvent(
        Logger.class.getName(),
        logger,
        Level.ERROR,
        "rejected {} for now",
        new IllegalStateException("Key (cpr)=(" + CPR + ") already exists"),
        new Object[] {CPR});
  }

  private Encoder<ILoggingEvent> consoleEncoder(String... profiles) throws Exception {
    return AppLogging.consoleEncoder(context, profiles);
  }
}
