package dk.jobagent.worker.deadletter;

import com.rabbitmq.client.Channel;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.deadletter.DeadLetterRepository.Stored;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies every message of {@code jobagent.commands.dlq} into the {@code dead_letter} table and acks
 * it only after the row is committed. A redelivery finds its row and changes nothing (idempotent by
 * message id). When the database is away the message goes back to the queue after a pause: a dead
 * letter is never dropped.
 */
@Component
class DeadLetterListener {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

  private final DeadLetterRepository repository;
  private final DeadLetterReader reader;

  DeadLetterListener(DeadLetterRepository repository, JsonMapper json) {
    this.repository = repository;
    this.reader = new DeadLetterReader(json, Clock.systemUTC());
  }

  @RabbitListener(
      id = "dead-letters",
      queues = Topology.DEAD_LETTER_QUEUE,
      ackMode = "MANUAL",
      concurrency = "1",
      autoStartup = "${jobagent.worker.dead-letters.consume:true}")
  void onDeadLetter(Message message, Channel channel) {
    long tag = message.getMessageProperties().getDeliveryTag();
    IncomingDeadLetter letter = reader.read(message);
    Stored stored;
    try {
      stored = repository.store(letter);
    } catch (RuntimeException e) {
      log.warn(
          "dead letter {} not stored ({}); back to the queue after a pause",
          letter.messageId(),
          e.toString());
      requeueAfterPause(channel, tag);
      return;
    }
    switch (stored) {
      case NEW -> log.info("dead letter {} stored: {}", letter.messageId(), letter.reason());
      case REOPENED ->
          log.warn("re-driven message {} died again: {}", letter.messageId(), letter.reason());
      case DUPLICATE -> log.debug("dead letter {} already stored", letter.messageId());
    }
    try {
      channel.basicAck(tag, false);
    } catch (IOException e) {
      // the row is committed; the redelivery is recognised as a duplicate
      log.warn("ack of dead letter {} failed ({})", letter.messageId(), e.toString());
    }
  }

  private static void requeueAfterPause(Channel channel, long tag) {
    try {
      Thread.sleep(1000);
      channel.basicNack(tag, false, true);
    } catch (IOException e) {
      log.error("nack failed; the broker redelivers when the channel closes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
