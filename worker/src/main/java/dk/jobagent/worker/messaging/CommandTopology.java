package dk.jobagent.worker.messaging;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable command topology (SPEC §3, {@link Topology}). ingest-api declares the command
 * exchange and the two command queues too, with exactly the same arguments ({@code
 * x-queue-type=quorum}, {@code x-dead-letter-exchange=jobagent.commands.dlx}, nothing else): a
 * mismatch would make the second declaration fail with PRECONDITION_FAILED.
 */
@Configuration(proxyBeanMethods = false)
class CommandTopology {

  /** The routing keys each command queue is bound with. */
  static final List<String> COMMAND_QUEUE_KEYS =
      List.of(Operation.CREATE.routingKey(), Operation.DELETE.routingKey());

  static final List<String> BOOKING_QUEUE_KEYS = List.of(Operation.UPDATE.routingKey());

  @Bean
  Declarables enrolmentCommandDeclarables(CommandMessagingProperties properties) {
    List<Declarable> all = new ArrayList<>();

    DirectExchange commands = ExchangeBuilder.directExchange(Topology.COMMAND_EXCHANGE).build();
    Queue commandQueue = commandQueue(Topology.COMMAND_QUEUE);
    Queue bookingQueue = commandQueue(Topology.BOOKING_COMMAND_QUEUE);
    all.add(commands);
    all.add(commandQueue);
    all.add(bookingQueue);
    COMMAND_QUEUE_KEYS.forEach(
        k -> all.add(BindingBuilder.bind(commandQueue).to(commands).with(k)));
    BOOKING_QUEUE_KEYS.forEach(
        k -> all.add(BindingBuilder.bind(bookingQueue).to(commands).with(k)));

    DirectExchange retry = ExchangeBuilder.directExchange(Topology.RETRY_EXCHANGE).build();
    all.add(retry);
    for (Duration delay : new LinkedHashSet<>(properties.retryDelays())) {
      for (Operation operation : Operation.values()) {
        all.addAll(retryTier(retry, delay, operation.routingKey()));
      }
    }

    FanoutExchange dlx = ExchangeBuilder.fanoutExchange(Topology.DEAD_LETTER_EXCHANGE).build();
    Queue dlq = QueueBuilder.durable(Topology.DEAD_LETTER_QUEUE).quorum().build();
    all.add(dlx);
    all.add(dlq);
    all.add(BindingBuilder.bind(dlq).to(dlx));

    TopicExchange receipts = ExchangeBuilder.topicExchange(Topology.RECEIPT_EXCHANGE).build();
    all.add(receipts);
    return new Declarables(all);
  }

  /** Shared verbatim with ingest-api's declaration: change both or neither. */
  static Queue commandQueue(String name) {
    return QueueBuilder.durable(name)
        .quorum()
        .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
        .build();
  }

  /**
   * A back-off tier: messages wait {@code delay} and are then dead-lettered to the command exchange
   * with their original routing key. Quorum with at-least-once dead-lettering, so a broker restart
   * while a command waits does not lose it.
   */
  private static List<Declarable> retryTier(
      DirectExchange retry, Duration delay, String originalRoutingKey) {
    Queue queue =
        QueueBuilder.durable(RetryQueues.queueName(delay, originalRoutingKey))
            .quorum()
            .ttl(Math.toIntExact(delay.toMillis()))
            .deadLetterExchange(Topology.COMMAND_EXCHANGE)
            .deadLetterRoutingKey(originalRoutingKey)
            .overflow(QueueBuilder.Overflow.rejectPublish)
            .withArgument("x-dead-letter-strategy", "at-least-once")
            .build();
    Binding binding =
        BindingBuilder.bind(queue)
            .to(retry)
            .with(RetryQueues.routingKey(delay, originalRoutingKey));
    return List.of(queue, binding);
  }
}
