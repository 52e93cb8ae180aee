package dk.jobagent.worker.deadletter;

import dk.jobagent.schemas.CprMask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Builds the operator's list: the rows plus what their payload and request say. */
@Service
class DeadLetterQuery {

  private static final int PREVIEW = 200;

  private final DeadLetterRepository repository;
  private final DeadLetterProperties properties;
  private final JsonMapper json;

  DeadLetterQuery(
      DeadLetterRepository repository, DeadLetterProperties properties, JsonMapper json) {
    this.repository = repository;
    this.properties = properties;
    this.json = json;
  }

  DeadLetterList list() {
    List<DeadLetterRepository.Row> rows = repository.list(properties.listLimit());
    Map<String, Optional<CommandKey>> keys = new HashMap<>();
    rows.forEach(row -> keys.put(row.id(), CommandKey.of(json, row.payload())));
    // one query for all statuses, not one per row
    Map<String, String> statuses =
        repository.requestStatuses(keys.values().stream().flatMap(Optional::stream).toList());
    List<DeadLetterView> views = new ArrayList<>();
    for (DeadLetterRepository.Row row : rows) {
      Optional<CommandKey> key = keys.get(row.id());
      views.add(
          new DeadLetterView(
              row.id(),
              row.messageId(),
              key.map(CommandKey::clientId).orElse(null),
              key.map(CommandKey::requestId).orElse(null),
              key.map(CommandKey::operation).orElse(null),
              row.originalRoutingKey(),
              row.reason(),
              row.attempts(),
              row.firstDeathAt(),
              row.storedAt(),
              row.redrivenAt(),
              row.redriveCount(),
              key.map(k -> statuses.get(k.clientId() + "/" + k.requestId())).orElse(null),
              key.isPresent() ? null : preview(row.payload())));
    }
    return new DeadLetterList(repository.waiting(), views);
  }

  private static String preview(byte[] payload) {
    // masked before it is cut, so a CPR at the cut cannot slip through half-masked
    String text = CprMask.maskAll(new String(payload, StandardCharsets.UTF_8));
    return text.length() > PREVIEW ? text.substring(0, PREVIEW) + "…" : text;
  }
}
