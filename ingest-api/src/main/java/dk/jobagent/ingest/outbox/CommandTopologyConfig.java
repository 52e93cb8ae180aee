package dk.jobagent.ingest.outbox;

import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What ingest-api publishes to, declared here so that accepted commands are routed even before a
 * worker ever ran. The worker declares the same names with identical arguments (a mismatch makes
 * RabbitMQ refuse the second declaration):
 *
 * <ul>
 *   <li>exchange {@code jobagent.commands}: direct, durable, not auto-delete, no arguments;
 *   <li>queues {@code jobagent.commands} and {@code jobagent.commands.booking}: durable, not
 *       exclusive, not auto-delete, arguments exactly {@code x-queue-type=quorum} and {@code
 *       x-dead-letter-exchange=jobagent.commands.dlx};
 *   <li>bindings {@code enrolment.create} and {@code enrolment.delete} to {@code
 *       jobagent.commands}, {@code enrolment.update} to {@code jobagent.commands.booking}.
 * </ul>
 *
 * The retry, dead-letter and reply topology is the worker's alone.
 */
@Configuration(proxyBeanMethods = false)
class CommandTopologyConfig {

  @Bean
  Declarables commandTopology() {
    DirectExchange exchange = ExchangeBuilder.directExchange(Topology.COMMAND_EXCHANGE).build();
    Queue commands = commandQueue(Topology.COMMAND_QUEUE);
    Queue booking = commandQueue(Topology.BOOKING_COMMAND_QUEUE);
    return new Declarables(
        exchange,
        commands,
        booking,
        BindingBuilder.bind(commands).to(exchange).with(Operation.CREATE.routingKey()),
        BindingBuilder.bind(commands).to(exchange).with(Operation.DELETE.routingKey()),
        BindingBuilder.bind(booking).to(exchange).with(Operation.UPDATE.routingKey()));
  }

  static Queue commandQueue(String name) {
    return QueueBuilder.durable(name)
        .quorum()
        .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
        .build();
  }
}
