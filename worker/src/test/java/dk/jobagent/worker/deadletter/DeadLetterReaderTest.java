package dk.jobagent.worker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/** How a dead-lettered message becomes a row, including the fallbacks when facts are missing. */
class DeadLetterReaderTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
  private final DeadLetterReader reader =
      new DeadLetterReader(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));

  private static final String COMMAND =
      "{\"clientId\":\"c1\",\"requestId\":\"r1\",\"operation\":\"UPDATE\","
          + "\"receivedAt\":\"2026-03-02T10:00:00Z\"}";

  private static Message message(String body, String messageId, Map<String, Object> headers) {
    MessageProperties props = new MessageProperties();
    props.setMessageId(messageId);
    headers.forEach(props::setHeader);
    return new Message(body.getBytes(StandardCharsets.UTF_8), props);
  }

  @Test
  void theWorkersOwnHeadersAreUsedAndTheReasonIsMasked() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put(Topology.HEADER_DEAD_LETTER_REASON, "not retryable: bad person 0101801234");
    headers.put(Topology.HEADER_ATTEMPT, 3);
    headers.put(DeadLetterReader.HEADER_ORIGINAL_ROUTING_KEY, "enrolment.delete");
    headers.put(
        Topology.HEADER_TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    IncomingDeadLetter letter = reader.read(message(COMMAND, "c1:r1", headers));

    assertThat(letter.messageId()).isEqualTo("c1:r1");
    assertThat(letter.reason()).isEqualTo("not retryable: bad person 010180****");
    assertThat(letter.headers().get(Topology.HEADER_DEAD_LETTER_REASON))
        .isEqualTo("not retryable: bad person 010180****");
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.originalExchange()).isEqualTo(Topology.COMMAND_EXCHANGE);
    assertThat(letter.originalRoutingKey()).isEqualTo("enrolment.delete");
    assertThat(letter.headers().get(Topology.HEADER_TRACEPARENT))
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(letter.firstDeathAt()).isEqualTo(NOW);
    assertThat(letter.redriveCount()).isZero();
  }

  @Test
  void aMessageTheBrokerDeadLetteredIsReadFromXDeath() {
    Instant died = Instant.parse("2026-03-01T08:00:00Z");
    Map<String, Object> rejected = new LinkedHashMap<>();
    rejected.put("reason", "rejected");
    rejected.put("queue", Topology.BOOKING_COMMAND_QUEUE);
    rejected.put("exchange", Topology.COMMAND_EXCHANGE);
    rejected.put("routing-keys", List.of("enrolment.update"));
    rejected.put("time", Date.from(died.plusSeconds(30)));
    rejected.put("count", 1L);
    Map<String, Object> expired = new LinkedHashMap<>();
    expired.put("reason", "expired");
    expired.put("queue", "jobagent.commands.retry.1s.enrolment.update");
    expired.put("exchange", Topology.RETRY_EXCHANGE);
    expired.put("routing-keys", List.of("1s.enrolment.update"));
    expired.put("time", Date.from(died));
    expired.put("count", 1L);

    IncomingDeadLetter letter =
        reader.read(message(COMMAND, "c1:r1", Map.of("x-death", List.of(rejected, expired))));

    assertThat(letter.reason())
        .contains("dead-lettered by the broker")
        .contains("rejected")
        .contains(Topology.BOOKING_COMMAND_QUEUE);
    assertThat(letter.originalExchange()).isEqualTo(Topology.COMMAND_EXCHANGE);
    assertThat(letter.originalRoutingKey()).isEqualTo("enrolment.update");
    assertThat(letter.firstDeathAt()).isEqualTo(died);
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.headers().get("x-death")).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> first =
        ((List<Map<String, Object>>) letter.headers().get("x-death")).get(0);
    assertThat(first.get("time")).isEqualTo(died.plusSeconds(30).toString());
  }

  @Test
  void withoutHeadersTheRoutingKeyComesFromTheCommand() {
    IncomingDeadLetter letter = reader.read(message(COMMAND, "c1:r1", Map.of()));

    assertThat(letter.originalRoutingKey()).isEqualTo("enrolment.update");
    assertThat(letter.reason()).startsWith("unknown");
  }

  @Test
  void aMessageWithoutAnIdGetsOneFromItsPayloadAndNothingUnknowableIsInvented() {
    IncomingDeadLetter a = reader.read(message("garbage", null, Map.of()));
    IncomingDeadLetter b = reader.read(message("garbage", " ", Map.of()));
    IncomingDeadLetter c = reader.read(message("other garbage", null, Map.of()));

    assertThat(a.messageId()).startsWith("sha256:").isEqualTo(b.messageId());
    assertThat(c.messageId()).isNotEqualTo(a.messageId());
    assertThat(a.originalRoutingKey()).as("cannot be re-driven").isNull();
  }

  @Test
  void oddHeaderValuesBecomeJsonAndALongReasonIsCut() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put(Topology.HEADER_DEAD_LETTER_REASON, "x".repeat(5000));
    headers.put(Topology.HEADER_ATTEMPT, "4");
    headers.put(DeadLetterReader.HEADER_REDRIVE_COUNT, 2);
    headers.put("bytes", new byte[] {1, 2});
    headers.put("when", Date.from(NOW));

    IncomingDeadLetter letter = reader.read(message(COMMAND, "c1:r1", headers));

    assertThat(letter.reason()).hasSize(DeadLetterReader.MAX_REASON);
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.redriveCount()).isEqualTo(2);
    assertThat(letter.headers().get("bytes")).isEqualTo("0102");
    assertThat(letter.headers().get("when")).isEqualTo(NOW.toString());
  }

  @Test
  void nulCharactersThatPostgresqlWouldRefuseAreDropped() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put(Topology.HEADER_DEAD_LETTER_REASON, "bad\u0000reason");
    headers.put("odd", "a\u0000b");

    IncomingDeadLetter letter = reader.read(message(COMMAND, "id\u00001", headers));

    assertThat(letter.reason()).isEqualTo("badreason");
    assertThat(letter.headers().get("odd")).isEqualTo("ab");
    assertThat(letter.messageId()).isEqualTo("id1");
  }

  @Test
  void operatorsMayTypeJustTheNumber() {
    assertThat(RedriveService.normalise("7")).isEqualTo("dl-7");
    assertThat(RedriveService.normalise(" dl-7 ")).isEqualTo("dl-7");
    assertThat(RedriveService.normalise("x7")).isEqualTo("x7");
  }
}
