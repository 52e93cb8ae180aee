package dk.jobagent.worker.messaging;

import com.rabbitmq.client.Channel;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.worker.booking.BookingProperties;
import dk.jobagent.worker.booking.BookingUnavailableException;
import dk.jobagent.worker.enrolment.CommandBatchProcessor;
import dk.jobagent.worker.enrolment.CommandProcessor;
import dk.jobagent.worker.enrolment.ProcessingResult;
import dk.jobagent.worker.enrolment.ProcessingResult.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes both command queues with manual acks. Every delivery ends in exactly one of: processed
 * (ack after the commit), moved to a retry tier (ack after the broker confirmed the copy), or moved
 * to the dead-letter queue with its reason (ack after the confirm). It never requeues a message it
 * could read, so a bad message cannot loop; the one requeue is when the broker refuses the copy.
 */
@Component
class CommandListener {

  private static final Logger log = LoggerFactory.getLogger(CommandListener.class);
  private static final String MDC_TRACE_ID = "traceId";
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  private final CommandProcessor processor;
  private final CommandBatchProcessor batchProcessor;
  private final CommandRepublisher republisher;
  private final CommandMessagingProperties properties;
  private final CommandMetrics metrics;
  private final JsonMapper json;
  private final BookingProperties booking;

  CommandListener(
      CommandProcessor processor,
      CommandBatchProcessor batchProcessor,
      CommandRepublisher republisher,
      CommandMessagingProperties properties,
      CommandMetrics metrics,
      JsonMapper json,
      BookingProperties booking) {
    this.processor = processor;
    this.batchProcessor = batchProcessor;
    this.republisher = republisher;
    this.properties = properties;
    this.metrics = metrics;
    this.json = json;
    this.booking = booking;
  }

  @RabbitListener(
      id = "enrolment-commands",
      queues = Topology.COMMAND_QUEUE,
      ackMode = "MANUAL",
      containerFactory = CommandBatchConfig.FACTORY,
      concurrency = "${jobagent.worker.commands.concurrency:8}")
  void onCommands(List<Message> messages, Channel channel) {
    if (messages.size() == 1) {
      handle(messages.getFirst(), channel);
      return;
    }
    List<Message> batch = new ArrayList<>(messages.size());
    List<EnrolmentCommand> commands = new ArrayList<>(messages.size());
    for (Message message : messages) {
      try {
        commands.add(parse(message));
        batch.add(message);
      } catch (RuntimeException e) {
        handle(message, channel); // dead-letters it with the reason
      }
    }
    if (batch.size() <= 1) {
      batch.forEach(m -> handle(m, channel));
      return;
    }
    processBatch(batch, commands, channel);
  }

  /**
   * One transaction for the batch; the commands it leaves out, and all of them when it fails, go
   * through the one-by-one path with its retries and dead letters.
   */
  private void processBatch(List<Message> batch, List<EnrolmentCommand> commands, Channel channel) {
    long started = System.nanoTime();
    List<ProcessingResult> results;
    try {
      results = batchProcessor.process(commands);
    } catch (RuntimeException e) {
      log.info(
          "batch of {} commands rolled back ({}); processing them one by one",
          commands.size(),
          e.toString());
      batch.forEach(m -> handle(m, channel));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Message message = batch.get(i);
      ProcessingResult result = results.get(i);
      if (result == null) {
        handle(message, channel);
      } else if (result.outcome() == Outcome.REQUEST_NOT_FOUND) {
        deadLetter(
            message,
            channel,
            "no request row for " + key(commands.get(i)),
            attempt(message),
            started);
      } else {
        ack(channel, message.getMessageProperties().getDeliveryTag());
        metrics.processed(
            result.outcome().name(), result.operation(), result.primaryCode(), elapsed(started));
      }
    }
  }

  @RabbitListener(
      id = "enrolment-booking-commands",
      queues = Topology.BOOKING_COMMAND_QUEUE,
      ackMode = "MANUAL",
      concurrency = "${jobagent.worker.commands.booking-concurrency:2}")
  void onBookingCommand(Message message, Channel channel) {
    handle(message, channel);
  }

  void handle(Message message, Channel channel) {
    // W3C traceparent "00-<trace id>-<parent id>-<flags>": the trace id ties this command's log
    // lines to the HTTP call that made it (ingest-api logs the same id)
    Object traceparent = message.getMessageProperties().getHeader(Topology.HEADER_TRACEPARENT);
    Matcher trace = traceparent == null ? null : TRACEPARENT.matcher(traceparent.toString());
    if (trace != null && trace.matches()) {
      MDC.put(MDC_TRACE_ID, trace.group(1));
    }
    try {
      handleCommand(message, channel);
    } finally {
      MDC.remove(MDC_TRACE_ID);
    }
  }

  private void handleCommand(Message message, Channel channel) {
    long started = System.nanoTime();
    long tag = message.getMessageProperties().getDeliveryTag();
    int attempt = attempt(message);
    EnrolmentCommand command;
    try {
      command = parse(message);
    } catch (RuntimeException e) {
      deadLetter(message, channel, "unparseable command: " + e.getMessage(), attempt, started);
      return;
    }
    try {
      ProcessingResult result = processor.process(command);
      if (result.outcome() == Outcome.REQUEST_NOT_FOUND) {
        deadLetter(message, channel, "no request row for " + key(command), attempt, started);
        return;
      }
      ack(channel, tag);
      if (result.outcome() == Outcome.ALREADY_FINAL) {
        log.debug("{}: receipt already final, redelivery ignored", key(command));
      }
      metrics.processed(
          result.outcome().name(), result.operation(), result.primaryCode(), elapsed(started));
    } catch (RuntimeException e) {
      onFailure(message, channel, command, attempt, e, started);
    }
  }

  private void onFailure(
      Message message,
      Channel channel,
      EnrolmentCommand command,
      int attempt,
      RuntimeException failure,
      long started) {
    long tag = message.getMessageProperties().getDeliveryTag();
    if (bookingUnavailable(failure)) {
      onBookingUnavailable(message, channel, command, attempt, failure, started);
      return;
    }
    boolean retryable = TransientFailures.isTransient(failure);
    if (retryable && attempt < properties.maxAttempts()) {
      Duration delay = properties.delayBefore(attempt + 1);
      log.info(
          "{}: attempt {} of {} failed ({}); retrying in {}",
          key(command),
          attempt,
          properties.maxAttempts(),
          failure.toString(),
          delay);
      try {
        republisher.retry(message, originalRoutingKey(message, command), attempt + 1);
      } catch (RuntimeException e) {
        requeue(channel, tag, "retry copy not accepted by the broker: " + e);
        return;
      }
      ack(channel, tag);
      metrics.processed("RETRIED", command.operation(), null, elapsed(started));
      return;
    }
    String reason =
        (retryable ? "gave up after " + attempt + " attempts: " : "not retryable: ") + failure;
    log.error("{}: {}", key(command), reason, failure);
    ProcessingResult failed;
    try {
      failed = processor.fail(command, failure);
    } catch (RuntimeException e) {
      // The receipt stays PENDING; the dead-lettered message says why and can be re-driven.
      log.error("{}: the FAILED receipt could not be written either", key(command), e);
      reason = reason + "; FAILED receipt not written: " + e;
      failed = null;
    }
    deadLetter(message, channel, reason, attempt, started);
    if (failed != null && failed.outcome() == Outcome.FAILED) {
      metrics.processed("FAILED", failed.operation(), failed.primaryCode(), elapsed(started));
    }
  }

  /**
   * The booking system could not be asked (down, circuit open, bulkhead full). Within {@code
   * jobagent.booking.max-wait} of the request's receivedAt the command is parked on the longest
   * back-off tier without using up an attempt (while the circuit is open its consumers are paused
   * besides, see {@link BookingConsumerSwitch}); past it the request is answered with 4769. Either
   * way it is not a dead letter: the outage is not the message's fault.
   */
  private void onBookingUnavailable(
      Message message,
      Channel channel,
      EnrolmentCommand command,
      int attempt,
      RuntimeException failure,
      long started) {
    long tag = message.getMessageProperties().getDeliveryTag();
    Duration waited =
        command.receivedAt() == null
            ? Duration.ZERO
            : Duration.between(command.receivedAt(), java.time.Instant.now());
    if (waited.compareTo(booking.maxWait()) < 0) {
      log.info(
          "{}: booking system unavailable ({}); parked, waited {} of {}",
          key(command),
          failure.getMessage(),
          waited.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
          booking.maxWait());
      try {
        republisher.park(message, originalRoutingKey(message, command), attempt);
      } catch (RuntimeException e) {
        requeue(channel, tag, "parked copy not accepted by the broker: " + e);
        return;
      }
      ack(channel, tag);
      metrics.processed("PARKED", command.operation(), null, elapsed(started));
      return;
    }
    log.warn(
        "{}: booking system unavailable for {} (limit {}): answering 4769",
        key(command),
        waited.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        booking.maxWait());
    ProcessingResult failed;
    try {
      failed = processor.fail(command, failure);
    } catch (RuntimeException e) {
      // the database is away too: try again later, the wait limit is already past
      log.error("{}: the 4769 receipt could not be written", key(command), e);
      try {
        republisher.park(message, originalRoutingKey(message, command), attempt);
        ack(channel, tag);
      } catch (RuntimeException again) {
        requeue(channel, tag, "parked copy not accepted by the broker: " + again);
      }
      return;
    }
    ack(channel, tag);
    metrics.processed(
        failed.outcome().name(), failed.operation(), failed.primaryCode(), elapsed(started));
  }

  private static boolean bookingUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BookingUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private void deadLetter(
      Message message, Channel channel, String reason, int attempt, long started) {
    long tag = message.getMessageProperties().getDeliveryTag();
    log.warn(
        "message {} from {} dead-lettered: {}",
        message.getMessageProperties().getMessageId(),
        message.getMessageProperties().getConsumerQueue(),
        reason);
    try {
      republisher.deadLetter(message, reason, attempt);
      ack(channel, tag);
    } catch (RuntimeException e) {
      // Fall back on the queue's own dead-letter exchange (no reason header, but x-death says
      // "rejected"): still never a requeue loop.
      log.error("dead-letter copy not accepted ({}); rejecting to the queue's DLX", e.toString());
      try {
        channel.basicReject(tag, false);
      } catch (IOException io) {
        log.error("reject failed; the broker redelivers after the channel closes", io);
      }
    }
    metrics.processed("DEAD_LETTERED", null, null, elapsed(started));
  }

  private EnrolmentCommand parse(Message message) {
    EnrolmentCommand command = json.readValue(message.getBody(), EnrolmentCommand.class);
    if (command == null
        || command.clientId() == null
        || command.requestId() == null
        || command.operation() == null) {
      throw new IllegalArgumentException("clientId, requestId and operation are required");
    }
    return command;
  }

  static int attempt(Message message) {
    Object value = message.getMessageProperties().getHeader(Topology.HEADER_ATTEMPT);
    try {
      int n =
          value instanceof Number number
              ? number.intValue()
              : value == null ? 1 : Integer.parseInt(value.toString());
      return Math.max(n, 1);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String originalRoutingKey(Message message, EnrolmentCommand command) {
    String received = message.getMessageProperties().getReceivedRoutingKey();
    return received != null && received.startsWith("enrolment.")
        ? received
        : command.operation().routingKey();
  }

  private static void ack(Channel channel, long tag) {
    try {
      channel.basicAck(tag, false);
    } catch (IOException e) {
      // The commit stands; the redelivery finds the receipt final and is acked then.
      log.warn("ack failed ({}); a redelivery will be recognised as done", e.toString());
    }
  }

  private static void requeue(Channel channel, long tag, String why) {
    log.error("{}; requeueing after a pause", why);
    try {
      Thread.sleep(1000);
      channel.basicNack(tag, false, true);
    } catch (IOException e) {
      log.error("nack failed; the broker redelivers after the channel closes", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String key(EnrolmentCommand command) {
    return command.clientId() + "/" + command.requestId();
  }

  private static long elapsed(long started) {
    return System.nanoTime() - started;
  }
}
