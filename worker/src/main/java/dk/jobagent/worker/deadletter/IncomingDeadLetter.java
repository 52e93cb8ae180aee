package dk.jobagent.worker.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * A message as it arrived on {@code jobagent.commands.dlq}, reduced to what the {@code dead_letter}
 * table keeps.
 *
 * @param originalRoutingKey null when nothing tells it (then the row cannot be re-driven)
 * @param headers JSON-ready values only (strings, numbers, booleans, lists, maps)
 * @param reason CPR-masked, at most 1000 characters
 * @param redriveCount how often the message had been re-driven when it died (0: never); tells a
 *     re-driven message that died again from a late redelivery of an older copy
 */
record IncomingDeadLetter(
    String messageId,
    String originalExchange,
    String originalRoutingKey,
    byte[] payload,
    Map<String, Object> headers,
    String reason,
    int attempts,
    Instant firstDeathAt,
    int redriveCount) {}
