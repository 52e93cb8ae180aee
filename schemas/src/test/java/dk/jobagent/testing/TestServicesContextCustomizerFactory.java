package dk.jobagent.testing;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at this run's own database and vhost (see {@link TestServices}).
 * Registered in {@code META-INF/spring.factories}, so a module only needs the schemas test-jar on
 * its test classpath.
 */
public class TestServicesContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return new Customizer();
  }

  private static final class Customizer implements ContextCustomizer {
    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "jobagent-test-services", TestServices.get().springProperties()));
    }

    // All customizers are equal: they must not split the context cache.
    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }
}
