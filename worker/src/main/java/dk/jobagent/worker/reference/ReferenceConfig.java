package dk.jobagent.worker.reference;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code jobagent.reference.*} (defaults in {@link ReferenceProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReferenceProperties.class)
class ReferenceConfig {}
