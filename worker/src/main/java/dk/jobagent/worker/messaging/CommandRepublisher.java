package dk.jobagent.worker.messaging;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves a command on to a retry tier or to the dead-letter queue, and waits for the broker's
 * confirm before the caller acks the original: a command is never in neither place. Published with
 * the mandatory flag: an unroutable republish (a missing queue) counts as a failure, not a loss.
 */
@Component
class CommandRepublisher {

  private final RabbitTemplate template;
  private final CommandMessagingProperties properties;

  CommandRepublisher(ConnectionFactory connectionFactory, CommandMessagingProperties properties) {
    // Its own template (not a bean): the application's template publishes replies without
    // mandatory.
    this.template = new RabbitTemplate(connectionFactory);
    this.template.setMandatory(true);
    this.properties = properties;
  }

  /** Sends the command to the back-off tier before {@code nextAttempt}. */
  void retry(Message original, String originalRoutingKey, int nextAttempt) {
    Duration delay = properties.delayBefore(nextAttempt);
    Message copy = copy(original);
    copy.getMessageProperties().setHeader(Topology.HEADER_ATTEMPT, nextAttempt);
    send(Topology.RETRY_EXCHANGE, RetryQueues.routingKey(delay, originalRoutingKey), copy);
  }

  /**
   * Parks the command on the longest back-off tier with its attempt count unchanged: waiting for
   * the booking system is not a failed attempt of the command.
   */
  void park(Message original, String originalRoutingKey, int attempt) {
    Duration delay = properties.retryDelays().getLast();
    Message copy = copy(original);
    copy.getMessageProperties().setHeader(Topology.HEADER_ATTEMPT, attempt);
    send(Topology.RETRY_EXCHANGE, RetryQueues.routingKey(delay, originalRoutingKey), copy);
  }

  /** Sends the command to {@code jobagent.commands.dlq} with the reason and the attempt count. */
  void deadLetter(Message original, String reason, int attempts) {
    Message copy = copy(original);
    MessageProperties props = copy.getMessageProperties();
    props.setHeader(Topology.HEADER_DEAD_LETTER_REASON, truncate(CprMask.maskAll(reason)));
    props.setHeader(Topology.HEADER_ATTEMPT, attempts);
    props.setHeader(
        "x-jobagent-original-routing-key", original.getMessageProperties().getReceivedRoutingKey());
    props.setHeader(
        "x-jobagent-original-queue", original.getMessageProperties().getConsumerQueue());
    send(Topology.DEAD_LETTER_EXCHANGE, "", copy);
  }

  private void send(String exchange, String routingKey, Message message) {
    CorrelationData correlation = new CorrelationData();
    template.send(exchange, routingKey, message, correlation);
    try {
      CorrelationData.Confirm confirm =
          correlation
              .getFuture()
              .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!confirm.ack()) {
        throw new AmqpException(
            "broker nacked the republish to " + exchange + ": " + confirm.reason());
      }
      if (correlation.getReturned() != null) {
        throw new AmqpException(
            "republish to " + exchange + " with key " + routingKey + " was unroutable");
      }
    } catch (TimeoutException e) {
      throw new AmqpException("no confirm for the republish to " + exchange + " in time", e);
    } catch (ExecutionException e) {
      throw new AmqpException("republish to " + exchange + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmqpException("interrupted while waiting for a confirm", e);
    }
  }

  private static Message copy(Message original) {
    MessageProperties in = original.getMessageProperties();
    MessageProperties out = new MessageProperties();
    out.setContentType(in.getContentType());
    out.setContentEncoding(in.getContentEncoding());
    out.setMessageId(in.getMessageId());
    out.setCorrelationId(in.getCorrelationId());
    out.setType(in.getType());
    out.setTimestamp(in.getTimestamp());
    out.setAppId(in.getAppId());
    out.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
    in.getHeaders().forEach(out::setHeader);
    return new Message(original.getBody(), out);
  }

  private static String truncate(String reason) {
    String r = reason == null ? "unknown" : reason;
    return r.length() > 1000 ? r.substring(0, 1000) : r;
  }
}
