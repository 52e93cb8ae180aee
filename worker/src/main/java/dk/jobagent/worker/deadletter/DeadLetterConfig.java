package dk.jobagent.worker.deadletter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link DeadLetterProperties} itself, so the feature does not depend on the
 * application's properties scan (registering twice is harmless: same bean name).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfig {}
