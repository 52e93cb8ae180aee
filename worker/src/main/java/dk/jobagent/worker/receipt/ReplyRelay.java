package dk.jobagent.worker.receipt;

import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.receipt.OutboxRepository.OutboxRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes reply rows of the outbox to {@code jobagent.receipts} with publisher confirms and
 * deletes each row on its positive confirm. Woken right after a receipt commits, with a poll as the
 * fallback. Rows are locked with {@code FOR UPDATE SKIP LOCKED} for the length of a batch, so
 * several worker instances share the work; a nacked or unconfirmed row is postponed with a growing
 * back-off and tried again (at-least-once: a consumer may, rarely, see a reply twice and can tell
 * by its message id, the requestId).
 *
 * <p>Replies are published without the mandatory flag: callers bind their own queues, and a client
 * that has bound none simply does not get replies (it polls the receipt instead).
 */
@Component
public class ReplyRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReplyRelay.class);
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /**
   * Set on a reply row whose message is not a Receipt (bulk summaries); the AMQP type follows it.
   */
  static final String MESSAGE_TYPE_HEADER = "x-jobagent-message-type";

  private final OutboxRepository outbox;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final RabbitTemplate rabbit;
  private final JsonMapper json;
  private final ReplyRelayProperties properties;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running;
  private Thread loop;

  ReplyRelay(
      OutboxRepository outbox,
      JdbcClient jdbc,
      TransactionTemplate tx,
      RabbitTemplate rabbit,
      JsonMapper json,
      ReplyRelayProperties properties) {
    this.outbox = outbox;
    this.jdbc = jdbc;
    this.tx = tx;
    this.rabbit = rabbit;
    this.json = json;
    this.properties = properties;
  }

  /** Called after a receipt commits: publish now rather than at the next poll. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("reply relay disabled (jobagent.worker.reply-relay.enabled=false)");
      return;
    }
    running = true;
    loop = Thread.ofVirtual().name("reply-relay").start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    if (loop != null) {
      loop.interrupt();
      try {
        loop.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    Duration idleBackoff = Duration.ZERO;
    while (running) {
      try {
        signal.tryAcquire(
            properties.pollInterval().plus(idleBackoff).toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
        int published;
        do {
          published = relayBatch();
        } while (running && published == properties.batchSize());
        idleBackoff = Duration.ZERO;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the database or the broker is away: wait a little longer each time, up to the maximum
        idleBackoff =
            min(idleBackoff.isZero() ? Duration.ofSeconds(1) : idleBackoff.multipliedBy(2));
        log.warn("reply relay: {}; trying again in {}", e.toString(), idleBackoff);
      }
    }
  }

  /** One batch in one transaction; returns how many rows it handled. */
  int relayBatch() {
    Integer handled =
        tx.execute(
            status -> {
              // the claim must use outbox_exchange_id_idx, not a cached sequential scan over the
              // dead rows of a queue table (see enrolment.IndexPlans for why plans go stale)
              jdbc.sql("set local enable_seqscan = off").update();
              List<OutboxRow> rows =
                  outbox.lockDue(Topology.RECEIPT_EXCHANGE, properties.batchSize());
              if (rows.isEmpty()) {
                return 0;
              }
              publishAndSettle(rows);
              return rows.size();
            });
    return handled == null ? 0 : handled;
  }

  private void publishAndSettle(List<OutboxRow> rows) {
    List<CorrelationData> sent = new ArrayList<>(rows.size());
    for (OutboxRow row : rows) {
      CorrelationData correlation = new CorrelationData(Long.toString(row.id()));
      try {
        rabbit.send(row.exchange(), row.routingKey(), toMessage(row), correlation);
      } catch (RuntimeException e) {
        correlation.getFuture().completeExceptionally(e);
      }
      sent.add(correlation);
    }
    long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
    List<Long> confirmed = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      OutboxRow row = rows.get(i);
      String failure = awaitConfirm(sent.get(i), deadline);
      if (failure == null) {
        confirmed.add(row.id());
        log.debug(
            "reply {} published to {} with key {} (unroutable if no caller queue is bound)",
            row.messageId(),
            row.exchange(),
            row.routingKey());
      } else {
        Duration delay = backoff(row.attempts());
        log.warn(
            "reply {} not confirmed ({}); attempt {} failed, next in {}",
            row.messageId(),
            failure,
            row.attempts() + 1,
            delay);
        outbox.postpone(row.id(), delay);
      }
    }
    outbox.delete(confirmed);
  }

  /** null on a positive confirm, else why not. */
  private static String awaitConfirm(CorrelationData correlation, long deadlineNanos) {
    try {
      long wait = Math.max(0, deadlineNanos - System.nanoTime());
      CorrelationData.Confirm confirm = correlation.getFuture().get(wait, TimeUnit.NANOSECONDS);
      return confirm.ack() ? null : "nack: " + confirm.reason();
    } catch (TimeoutException e) {
      return "no confirm in time";
    } catch (ExecutionException e) {
      return e.getCause().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private Message toMessage(OutboxRow row) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    props.setMessageId(row.messageId());
    Map<String, String> headers =
        row.headers() == null ? Map.of() : json.readValue(row.headers(), HEADERS);
    headers.forEach(props::setHeader);
    // asyncapi.yaml's messageType: Receipt, or BulkSummary for a bulk file's summary
    props.setType(
        "bulk-summary".equals(headers.get(MESSAGE_TYPE_HEADER)) ? "BulkSummary" : "Receipt");
    return new Message(row.payload(), props);
  }

  private Duration backoff(int attempts) {
    return min(Duration.ofSeconds(1L << Math.min(attempts, 16)));
  }

  private Duration min(Duration candidate) {
    return candidate.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : candidate;
  }
}
