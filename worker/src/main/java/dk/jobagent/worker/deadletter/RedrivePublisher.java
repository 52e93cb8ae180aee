package dk.jobagent.worker.deadletter;

import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes re-drive rows of the outbox to {@code jobagent.commands} with publisher confirms and
 * the mandatory flag, and deletes each row on its positive, routed confirm. Called right after a
 * re-drive commits; a slow sweep publishes whatever a crash or a broker outage left behind.
 */
@Component
class RedrivePublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RedrivePublisher.class);
  private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {};
  private static final int SWEEP_BATCH = 100;

  private final RedriveOutbox outbox;
  private final TransactionTemplate tx;
  private final RabbitTemplate template;
  private final JsonMapper json;
  private final DeadLetterProperties properties;
  private volatile boolean running;
  private Thread sweeper;

  RedrivePublisher(
      RedriveOutbox outbox,
      TransactionTemplate tx,
      ConnectionFactory connectionFactory,
      JsonMapper json,
      DeadLetterProperties properties) {
    this.outbox = outbox;
    this.tx = tx;
    // its own template: a re-drive that no queue takes must fail, not vanish
    this.template = new RabbitTemplate(connectionFactory);
    this.template.setMandatory(true);
    this.json = json;
    this.properties = properties;
  }

  /** Publishes these rows now; returns how many the broker confirmed. Never throws. */
  int publish(Collection<Long> outboxIds) {
    if (outboxIds.isEmpty()) {
      return 0;
    }
    try {
      Integer n = tx.execute(status -> publishAndSettle(outbox.claim(outboxIds)));
      return n == null ? 0 : n;
    } catch (RuntimeException e) {
      log.warn("re-drive publish failed ({}); the sweep publishes it later", e.toString());
      return 0;
    }
  }

  /** Publishes re-drive rows left behind; returns how many the broker confirmed. */
  int sweep() {
    Integer n = tx.execute(status -> publishAndSettle(outbox.claimLeftOver(SWEEP_BATCH)));
    return n == null ? 0 : n;
  }

  private int publishAndSettle(List<RedriveOutbox.Row> rows) {
    List<CorrelationData> sent = new ArrayList<>(rows.size());
    for (RedriveOutbox.Row row : rows) {
      CorrelationData correlation = new CorrelationData(Long.toString(row.id()));
      try {
        template.send(Topology.COMMAND_EXCHANGE, row.routingKey(), toMessage(row), correlation);
      } catch (RuntimeException e) {
        correlation.getFuture().completeExceptionally(e);
      }
      sent.add(correlation);
    }
    long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
    List<Long> confirmed = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      RedriveOutbox.Row row = rows.get(i);
      String failure = awaitConfirm(sent.get(i), deadline);
      if (failure == null) {
        confirmed.add(row.id());
        log.info("re-drove message {} to {}", row.messageId(), row.routingKey());
      } else {
        failed.add(row.id());
        log.warn("re-drive of message {} not confirmed: {}", row.messageId(), failure);
      }
    }
    outbox.delete(confirmed);
    outbox.postpone(failed);
    return confirmed.size();
  }

  private static String awaitConfirm(CorrelationData correlation, long deadlineNanos) {
    try {
      long wait = Math.max(0, deadlineNanos - System.nanoTime());
      CorrelationData.Confirm confirm = correlation.getFuture().get(wait, TimeUnit.NANOSECONDS);
      if (!confirm.ack()) {
        return "nack: " + confirm.reason();
      }
      return correlation.getReturned() == null ? null : "unroutable (no queue bound)";
    } catch (TimeoutException e) {
      return "no confirm in time";
    } catch (ExecutionException e) {
      return e.getCause().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private Message toMessage(RedriveOutbox.Row row) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    props.setMessageId(row.messageId());
    props.setType("EnrolmentCommand");
    if (row.headers() != null) {
      json.readValue(row.headers(), HEADERS).forEach(props::setHeader);
    }
    return new Message(row.payload(), props);
  }

  @Override
  public void start() {
    running = true;
    sweeper = Thread.ofVirtual().name("dead-letter-redrive-sweep").start(this::sweepLoop);
  }

  @Override
  public void stop() {
    running = false;
    if (sweeper != null) {
      sweeper.interrupt();
      try {
        sweeper.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void sweepLoop() {
    while (running) {
      try {
        Thread.sleep(properties.sweepInterval());
        while (running && sweep() == SWEEP_BATCH) {
          // a full batch: more may be waiting
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("re-drive sweep failed ({}); next try in {}", e, properties.sweepInterval());
      }
    }
  }
}
