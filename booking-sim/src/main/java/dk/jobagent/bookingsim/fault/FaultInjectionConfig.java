package dk.jobagent.bookingsim.fault;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class FaultInjectionConfig {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> faultInjectionValve(
      FaultInjector injector, ObjectMapper json) {
    return factory -> factory.addContextValves(new FaultInjectionValve(injector, json));
  }
}
