package dk.jobagent.worker.deadletter;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.messages.Topology;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a dead-lettered command without ever failing: whatever is missing or malformed falls back
 * to something storable, because a dead letter that cannot be stored would loop in the DLQ.
 *
 * <p>Where the facts come from, best first: the headers the worker's republisher sets ({@code
 * x-jobagent-dead-letter-reason}, {@code x-jobagent-attempt}, {@code
 * x-jobagent-original-routing-key}); the broker's {@code x-death} entry for a command queue (when
 * the message was rejected to the queue's own dead-letter exchange); the command in the payload.
 */
final class DeadLetterReader {

  static final String HEADER_ORIGINAL_ROUTING_KEY = "x-jobagent-original-routing-key";

  /** How often a message was re-driven; set on the republished copy. */
  static final String HEADER_REDRIVE_COUNT = "x-jobagent-redrive-count";

  /** The dead letter a republished copy came from. */
  static final String HEADER_DEAD_LETTER_ID = "x-jobagent-dead-letter-id";

  static final int MAX_REASON = 1000;

  private static final Set<String> COMMAND_QUEUES =
      Set.of(Topology.COMMAND_QUEUE, Topology.BOOKING_COMMAND_QUEUE);

  private final JsonMapper json;
  private final Clock clock;

  DeadLetterReader(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  IncomingDeadLetter read(Message message) {
    MessageProperties props = message.getMessageProperties();
    byte[] payload = message.getBody() == null ? new byte[0] : message.getBody();
    Map<String, Object> headers = new LinkedHashMap<>();
    props.getHeaders().forEach((k, v) -> headers.put(k, jsonValue(v)));
    List<Map<String, ?>> deaths = xDeath(props);
    if (!deaths.isEmpty() && !headers.containsKey("x-death")) {
      headers.put("x-death", jsonValue(deaths));
    }
    Map<String, ?> commandQueueDeath = commandQueueDeath(deaths);

    String reason = reason(props, deaths);
    headers.computeIfPresent(Topology.HEADER_DEAD_LETTER_REASON, (k, v) -> reason);

    String messageId =
        props.getMessageId() == null || props.getMessageId().isBlank()
            ? "sha256:" + sha256(payload)
            : storable(props.getMessageId());
    String exchange =
        commandQueueDeath != null
                && commandQueueDeath.get("exchange") instanceof String e
                && !e.isBlank()
            ? e
            : Topology.COMMAND_EXCHANGE;
    return new IncomingDeadLetter(
        messageId,
        exchange,
        routingKey(props, commandQueueDeath, payload),
        payload,
        headers,
        reason,
        Math.max(1, intHeader(props.getHeaders().get(Topology.HEADER_ATTEMPT), 1)),
        firstDeath(deaths),
        Math.max(0, intHeader(props.getHeaders().get(HEADER_REDRIVE_COUNT), 0)));
  }

  private String reason(MessageProperties props, List<Map<String, ?>> deaths) {
    Object header = props.getHeaders().get(Topology.HEADER_DEAD_LETTER_REASON);
    String reason;
    if (header != null && !header.toString().isBlank()) {
      reason = header.toString();
    } else if (!deaths.isEmpty()) {
      Map<String, ?> last = deaths.getFirst(); // the broker puts the newest death first
      reason =
          "dead-lettered by the broker ("
              + last.get("reason")
              + " in "
              + last.get("queue")
              + "); the worker recorded no reason";
    } else {
      reason = "unknown: the message carries no dead-letter reason";
    }
    String masked = CprMask.maskAll(storable(reason));
    return masked.length() > MAX_REASON ? masked.substring(0, MAX_REASON) : masked;
  }

  private String routingKey(
      MessageProperties props, Map<String, ?> commandQueueDeath, byte[] payload) {
    Object header = props.getHeaders().get(HEADER_ORIGINAL_ROUTING_KEY);
    if (header != null && header.toString().startsWith("enrolment.")) {
      return header.toString();
    }
    if (commandQueueDeath != null
        && commandQueueDeath.get("routing-keys") instanceof Collection<?> keys
        && !keys.isEmpty()) {
      return keys.iterator().next().toString();
    }
    return operationRoutingKey(payload);
  }

  /** The command's own routing key when the payload is a readable command, else null. */
  private String operationRoutingKey(byte[] payload) {
    try {
      JsonNode node = json.readTree(payload);
      JsonNode operation = node == null ? null : node.get("operation");
      if (operation == null || !operation.isString()) {
        return null;
      }
      return dk.jobagent.schemas.messages.Operation.valueOf(operation.asString()).routingKey();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Instant firstDeath(List<Map<String, ?>> deaths) {
    Instant first = null;
    for (Map<String, ?> death : deaths) {
      Instant t =
          switch (death.get("time")) {
            case Date d -> d.toInstant();
            case Instant i -> i;
            case null, default -> null;
          };
      if (t != null && (first == null || t.isBefore(first))) {
        first = t;
      }
    }
    // The worker publishes its dead letters itself (no x-death): they die the moment they are sent,
    // which is within moments of now.
    return first != null ? first : clock.instant();
  }

  private static Map<String, ?> commandQueueDeath(List<Map<String, ?>> deaths) {
    for (Map<String, ?> death : deaths) {
      if (death.get("queue") instanceof String q && COMMAND_QUEUES.contains(q)) {
        return death;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, ?>> xDeath(MessageProperties props) {
    List<Map<String, ?>> deaths = props.getXDeathHeader();
    if (deaths != null) {
      return deaths;
    }
    if (props.getHeaders().get("x-death") instanceof List<?> list) {
      List<Map<String, ?>> maps = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          maps.add((Map<String, ?>) m);
        }
      }
      return maps;
    }
    return List.of();
  }

  private static int intHeader(Object value, int fallback) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value != null) {
      try {
        return Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  /** Header values as plain JSON values (AMQP tables hold dates, byte arrays, long strings). */
  static Object jsonValue(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> storable(s);
      case Number n -> n;
      case Boolean b -> b;
      case Date d -> d.toInstant().toString();
      case Instant i -> i.toString();
      case byte[] bytes -> HexFormat.of().formatHex(bytes);
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
        yield out;
      }
      case Collection<?> list -> list.stream().map(DeadLetterReader::jsonValue).toList();
      case Object[] array ->
          java.util.Arrays.stream(array).map(DeadLetterReader::jsonValue).toList();
      default -> value.toString();
    };
  }

  /**
   * PostgreSQL text and jsonb refuse the NUL character; a header carrying one would otherwise make
   * the dead letter unstorable and loop in the queue.
   */
  private static String storable(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
  }

  private static String sha256(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
