package dk.jobagent.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.lang.reflect.Constructor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * An app's own logging set-up, read the way Spring Boot reads it, into a private LoggerContext (the
 * JVM's logging is untouched): for tests that check what a log line looks like.
 */
public final class AppLogging {

  private AppLogging() {}

  /**
   * The encoder of the CONSOLE appender that the app's logback-spring.xml and application.yml (from
   * the test classpath) configure with the given profiles active.
   */
  @SuppressWarnings("unchecked")
  public static Encoder<ILoggingEvent> consoleEncoder(LoggerContext context, String... profiles)
      throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    for (PropertySource<?> source :
        new YamlPropertySourceLoader()
            .load("application.yml", new ClassPathResource("application.yml"))) {
      environment.getPropertySources().addLast(source);
    }
    environment.setActiveProfiles(profiles);
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putObject(Environment.class.getName(), environment);
    // Boot's configurator is package-private; it is what gives <springProfile> its meaning.
    Constructor<?> constructor =
        Class.forName("org.springframework.boot.logging.logback.SpringBootJoranConfigurator")
            .getDeclaredConstructor(LoggingInitializationContext.class);
    constructor.setAccessible(true);
    JoranConfigurator configurator =
        (JoranConfigurator) constructor.newInstance(new LoggingInitializationContext(environment));
    configurator.setContext(context);
    configurator.doConfigure(new ClassPathResource("logback-spring.xml").getURL());
    OutputStreamAppender<ILoggingEvent> console =
        (OutputStreamAppender<ILoggingEvent>)
            context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    return console.getEncoder();
  }
}
