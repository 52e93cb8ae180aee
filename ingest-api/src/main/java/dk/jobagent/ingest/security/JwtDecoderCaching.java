package dk.jobagent.ingest.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Wraps whichever JwtDecoder is in use (dev key or issuer/JWK set) in a {@link CachingJwtDecoder}.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderCaching {

  @Bean
  static BeanPostProcessor cachingJwtDecoderPostProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
          return new CachingJwtDecoder(decoder);
        }
        return bean;
      }
    };
  }
}
