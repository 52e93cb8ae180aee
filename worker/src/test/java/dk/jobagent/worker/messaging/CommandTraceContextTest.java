package dk.jobagent.worker.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.schemas.messages.Topology;
import dk.jobagent.testing.AppLogging;
import dk.jobagent.worker.CommandTestSupport;
import dk.jobagent.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #7, the worker's end of the trace: the command's {@code traceparent} header reaches the
 * receipt reply, and the lines the listener logs while it handles the command carry the trace id in
 * the MDC (and so in the JSON log layout), none after it.
 */
class CommandTraceContextTest extends WorkerIntegrationTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

  @Autowired JdbcClient jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin amqp;
  @Autowired JsonMapper json;

  private final Logger listenerLog = (Logger) LoggerFactory.getLogger(CommandListener.class);
  private final ListAppender<ILoggingEvent> captured =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing(); // takes the MDC as it is on the listener thread
          super.append(event);
        }
      };
  private final LoggerContext jsonContext = new LoggerContext();
  private Level level;
  private CommandTestSupport support;

  @BeforeEach
  void capture() {
    support = new CommandTestSupport(jdbc, rabbit, amqp, json);
    level = listenerLog.getLevel();
    listenerLog.setLevel(Level.DEBUG); // the listener's line for a redelivered command is DEBUG
    captured.start();
    listenerLog.addAppender(captured);
  }

  @AfterEach
  void release() {
    listenerLog.detachAppender(captured);
    listenerLog.setLevel(level);
    jsonContext.stop();
  }

  @Test
  void theTraceReachesTheReceiptReplyAndTheListenersLogLines() throws Exception {
    String client = CommandTestSupport.newClientId();
    String queue = support.bindReplyQueue(client);
    String cpr = support.person(CommandTestSupport.newCpr());
    Instant receivedAt = Instant.now();
    String occupation = support.occupation("Aktiv");
    String requestId =
        support.request(
            client,
            Operation.CREATE,
            cpr,
            CommandTestSupport.createBody(
                receivedAt, List.of(CommandTestSupport.profession(occupation, UUID.randomUUID()))),
            receivedAt);
    // as ingest-api stores it with the request
    jdbc.sql("update request set trace_parent = :t where client_id = :c and request_id = :r")
        .param("t", TRACEPARENT)
        .param("c", client)
        .param("r", requestId)
        .update();
    EnrolmentCommand command =
        new EnrolmentCommand(client, requestId, Operation.CREATE, receivedAt);

    publish(command, TRACEPARENT);

    assertThat(support.awaitFinal(client, requestId).status()).isEqualTo("COMPLETED");
    List<Message> replies = support.drain(queue, Duration.ofSeconds(5));
    assertThat(replies).hasSize(1);
    assertThat((String) replies.getFirst().getMessageProperties().getHeader("traceparent"))
        .isEqualTo(TRACEPARENT);

    // the same command again, as a redelivery: the listener logs that it ignores it
    publish(command, TRACEPARENT);
    ILoggingEvent traced = awaitLine(requestId);
    publish(command, null);
    ILoggingEvent untraced = awaitLineOtherThan(requestId, traced);

    assertThat(traced.getMDCPropertyMap()).containsEntry("traceId", TRACE_ID);
    assertThat(untraced.getMDCPropertyMap()).doesNotContainKey("traceId");
    JsonNode line = JsonMapper.builder().build().readTree(jsonLogLine(traced));
    assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
    assertThat(line.path("message").asString()).contains("receipt already final");
    // the plain pattern shows it too, and nothing where there is none
    LoggerContext plain = new LoggerContext();
    assertThat(logLine(traced, plain, null)).contains(" : [" + TRACE_ID + "] ");
    assertThat(logLine(untraced, plain, null)).doesNotContain("[]").contains(" : ");
    plain.stop();
  }

  private void publish(EnrolmentCommand command, String traceparent) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setMessageId(command.clientId() + ":" + command.requestId());
    if (traceparent != null) {
      props.setHeader(Topology.HEADER_TRACEPARENT, traceparent);
    }
    rabbit.send(
        Topology.COMMAND_EXCHANGE,
        command.operation().routingKey(),
        new Message(json.writeValueAsBytes(command), props));
  }

  private ILoggingEvent awaitLine(String requestId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                List.copyOf(captured.list).stream()
                    .filter(e -> e.getFormattedMessage().contains(requestId))
                    .findFirst()
                    .orElse(null),
            e -> e != null);
  }

  private ILoggingEvent awaitLineOtherThan(String requestId, ILoggingEvent first) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                List.copyOf(captured.list).stream()
                    .filter(e -> e != first && e.getFormattedMessage().contains(requestId))
                    .findFirst()
                    .orElse(null),
            e -> e != null);
  }

  /** The line as the CONSOLE appender of the worker's logback-spring.xml writes it in json-logs. */
  private String jsonLogLine(ILoggingEvent event) throws Exception {
    return logLine(event, jsonContext, "json-logs");
  }

  /** The line as the CONSOLE appender writes it with that profile active (none: null). */
  private static String logLine(ILoggingEvent event, LoggerContext context, String profile)
      throws Exception {
    String[] profiles = profile == null ? new String[0] : new String[] {profile};
    return new String(AppLogging.consoleEncoder(context, profiles).encode(event), UTF_8);
  }
}
