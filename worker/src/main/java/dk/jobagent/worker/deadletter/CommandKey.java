package dk.jobagent.worker.deadletter;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ids a dead-lettered payload names, when it is an EnrolmentCommand. Read leniently (a tree,
 * not the record): the payload may be exactly what made the command a poison message.
 */
record CommandKey(String clientId, String requestId, String operation) {

  static Optional<CommandKey> of(JsonMapper json, byte[] payload) {
    try {
      JsonNode node = json.readTree(payload);
      if (node == null || !node.isObject()) {
        return Optional.empty();
      }
      String clientId = text(node, "clientId");
      String requestId = text(node, "requestId");
      if (clientId == null || requestId == null) {
        return Optional.empty();
      }
      return Optional.of(new CommandKey(clientId, requestId, text(node, "operation")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }
}
