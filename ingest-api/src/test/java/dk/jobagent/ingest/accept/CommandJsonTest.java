package dk.jobagent.ingest.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CommandJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void commandReadsBackAsTheSharedRecordEvenWithCharactersThatNeedEscaping() {
    Instant at = Instant.parse("2026-11-27T10:15:30.123456Z");
    String text =
        CommandJson.command("client \"x\"", "id\\with\u0001odd/chars", Operation.UPDATE, at);
    EnrolmentCommand c = json.readValue(text, EnrolmentCommand.class);
    assertThat(c)
        .isEqualTo(
            new EnrolmentCommand("client \"x\"", "id\\with\u0001odd/chars", Operation.UPDATE, at));
  }

  @Test
  void headersAndAcceptedBodyAreJson() {
    assertThat(json.readValue(CommandJson.headers("00-a-b-01"), Map.class))
        .containsEntry("traceparent", "00-a-b-01");
    assertThat(json.readValue(CommandJson.accepted("r\"1", "/v1/receipts/r%221"), Map.class))
        .containsEntry("requestId", "r\"1")
        .containsEntry("status", "PENDING")
        .containsEntry("receipt", "/v1/receipts/r%221");
  }
}
