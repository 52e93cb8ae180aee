package dk.jobagent.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test-side view of the {@code dead_letter} table. The worker's dead-letter listener empties {@code
 * jobagent.commands.dlq} into that table, so a test that wants to see a dead-lettered message reads
 * it here rather than from the queue (a second consumer of the queue would race the listener).
 * {@link #awaitMessage} rebuilds the message as it was dead-lettered: payload, message id and
 * headers (reason masked, attempt count).
 */
public final class StoredDeadLetters {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** A stored row, as tests look at it. */
  public record Stored(
      String id,
      String messageId,
      String routingKey,
      String payload,
      String reason,
      int attempts,
      boolean redriven,
      int redriveCount) {}

  private StoredDeadLetters() {}

  /** Waits (up to 15 s) for the dead letter whose payload contains {@code marker}. */
  public static Stored await(JdbcClient jdbc, String marker) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> find(jdbc, marker), s -> s != null);
  }

  /** The dead letter whose payload contains {@code marker}, or null. */
  public static Stored find(JdbcClient jdbc, String marker) {
    return jdbc.sql(
            """
            select id, message_id, original_routing_key, payload, reason, attempts,
                   redriven_at is not null as redriven, redrive_count
              from dead_letter
             where position(convert_to(:marker, 'UTF8') in payload) > 0
             order by stored_at desc
             limit 1
            """)
        .param("marker", marker)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString("id"),
                    rs.getString("message_id"),
                    rs.getString("original_routing_key"),
                    new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                    rs.getString("reason"),
                    rs.getInt("attempts"),
                    rs.getBoolean("redriven"),
                    rs.getInt("redrive_count")))
        .optional()
        .orElse(null);
  }

  /**
   * Waits for the dead letter whose payload contains {@code marker} and returns it as the message
   * that was dead-lettered (a drop-in for reading {@code jobagent.commands.dlq} directly).
   */
  public static Message awaitMessage(JdbcClient jdbc, String marker) {
    Stored stored = await(jdbc, marker);
    String headers =
        jdbc.sql("select headers::text from dead_letter where id = :id")
            .param("id", stored.id())
            .query(String.class)
            .single();
    MessageProperties props = new MessageProperties();
    props.setMessageId(stored.messageId());
    JSON.readValue(headers, MAP).forEach(props::setHeader);
    return new Message(stored.payload().getBytes(StandardCharsets.UTF_8), props);
  }
}
