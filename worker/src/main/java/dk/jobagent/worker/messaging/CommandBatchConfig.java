package dk.jobagent.worker.messaging;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The container factory of the CreateJobagent/DeleteJobagent queue: Boot's listener settings
 * (prefetch, virtual threads) plus consumer-side batches, which {@link CommandListener} processes a
 * transaction each.
 */
@Configuration(proxyBeanMethods = false)
class CommandBatchConfig {

  static final String FACTORY = "commandBatchContainerFactory";

  @Bean(FACTORY)
  SimpleRabbitListenerContainerFactory commandBatchContainerFactory(
      SimpleRabbitListenerContainerFactoryConfigurer configurer,
      ConnectionFactory connectionFactory,
      CommandMessagingProperties properties) {
    SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
    configurer.configure(factory, connectionFactory);
    factory.setBatchListener(true);
    factory.setConsumerBatchEnabled(true);
    factory.setBatchSize(properties.batchSize());
    factory.setBatchReceiveTimeout(properties.batchWait().toMillis());
    return factory;
  }
}
