package dk.jobagent.ingest.outbox;

import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes command rows of the outbox ({@code exchange = jobagent.commands}; the worker relays its
 * own reply rows) with correlated publisher confirms and {@code mandatory}. A row is deleted only
 * on a positive confirm of a message that was not returned as unroutable; anything else (nack,
 * return, timeout, broker down) postpones the row with back-off. Rows stay locked (SELECT … FOR
 * UPDATE SKIP LOCKED) from claim to delete, so several instances never publish the same row twice
 * concurrently; a crash between publish and delete republishes (at-least-once; the worker is
 * idempotent by requestId).
 */
@Component
class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {};

  private final OutboxRepository outbox;
  private final RabbitTemplate rabbit;
  private final TransactionTemplate tx;
  private final RelaySignal signal;
  private final OutboxProperties props;
  private final JsonMapper json;
  private volatile boolean running;
  private Thread thread;

  OutboxRelay(
      OutboxRepository outbox,
      RabbitTemplate rabbit,
      TransactionTemplate tx,
      RelaySignal signal,
      OutboxProperties props,
      JsonMapper json) {
    this.outbox = outbox;
    this.rabbit = rabbit;
    this.tx = tx;
    this.signal = signal;
    this.props = props;
    this.json = json;
    rabbit.setReturnsCallback(
        r ->
            log.warn(
                "Broker returned message {} as unroutable ({} {}); it stays in the outbox",
                r.getMessage().getMessageProperties().getMessageId(),
                r.getReplyCode(),
                r.getReplyText()));
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    signal.signal();
    if (thread != null) {
      try {
        thread.join(props.confirmTimeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    long failures = 0;
    while (running) {
      try {
        Round round = tx.execute(status -> relayOnce());
        if (round == null || round.failed == 0) {
          failures = 0;
        } else {
          failures++;
        }
        if (round != null && round.claimed >= props.batchSize() && round.failed == 0) {
          continue; // more rows are waiting
        }
        Duration wait =
            failures == 0
                ? props.pollInterval()
                : min(props.maxBackoff(), Duration.ofMillis(200L << Math.min(failures, 10)));
        signal.await(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Database down or similar: try again after a pause.
        failures++;
        log.warn("Outbox relay round failed: {}", e.toString());
        sleep(min(props.maxBackoff(), Duration.ofMillis(200L << Math.min(failures, 10))));
      }
    }
  }

  /** One claimed batch: publish all, then wait for all confirms, then delete or postpone. */
  private Round relayOnce() {
    List<OutboxRepository.Row> rows = outbox.claim(Topology.COMMAND_EXCHANGE, props.batchSize());
    if (rows.isEmpty()) {
      return new Round(0, 0);
    }
    List<CorrelationData> sent = new ArrayList<>(rows.size());
    List<Long> failed = new ArrayList<>();
    List<Long> confirmed = new ArrayList<>(rows.size());
    try {
      // One channel for the whole batch, held until its confirms are in: RabbitTemplate.send on its
      // own checks a channel out per message, and a confirm channel with confirms outstanding is
      // not reused, so every message would pay for opening a new channel.
      rabbit.invoke(
          ops -> {
            for (OutboxRepository.Row row : rows) {
              CorrelationData cd = new CorrelationData(Long.toString(row.id()));
              ops.send(Topology.COMMAND_EXCHANGE, row.routingKey(), toMessage(row), cd);
              sent.add(cd);
            }
            awaitConfirms(sent, confirmed, failed);
            return null;
          });
    } catch (AmqpException e) {
      log.warn("Publishing to the broker failed: {}", e.toString());
    }
    // Whatever was not positively confirmed (never sent, nacked, returned, timed out) is retried.
    for (OutboxRepository.Row row : rows) {
      if (!confirmed.contains(row.id()) && !failed.contains(row.id())) {
        failed.add(row.id());
      }
    }
    if (!confirmed.isEmpty()) {
      outbox.delete(confirmed);
    }
    if (!failed.isEmpty()) {
      outbox.postpone(failed, props.maxBackoff());
    }
    return new Round(rows.size(), failed.size());
  }

  private void awaitConfirms(List<CorrelationData> sent, List<Long> confirmed, List<Long> failed) {
    long deadline = System.nanoTime() + props.confirmTimeout().toNanos();
    for (CorrelationData cd : sent) {
      long id = Long.parseLong(cd.getId());
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        CorrelationData.Confirm confirm = cd.getFuture().get(left, TimeUnit.NANOSECONDS);
        if (confirm.ack() && cd.getReturned() == null) {
          confirmed.add(id);
        } else {
          failed.add(id);
          if (!confirm.ack()) {
            log.warn("Broker nacked outbox row {}: {}", id, confirm.reason());
          }
        }
      } catch (TimeoutException | ExecutionException e) {
        failed.add(id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(id);
      }
    }
  }

  private Message toMessage(OutboxRepository.Row row) {
    MessageProperties p = new MessageProperties();
    p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    p.setContentEncoding("UTF-8");
    p.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    p.setMessageId(row.messageId());
    p.setType("EnrolmentCommand");
    if (row.headersJson() != null) {
      json.readValue(row.headersJson(), HEADERS).forEach(p::setHeader);
    }
    return new Message(row.payload(), p);
  }

  private record Round(int claimed, int failed) {}

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
