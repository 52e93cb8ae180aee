package dk.jobagent.worker.deadletter;

import java.util.List;

/**
 * The answer of {@code GET /admin/dlq}.
 *
 * @param waiting dead letters not re-driven (all of them, not just those listed)
 * @param deadLetters newest first, at most {@code jobagent.worker.dead-letters.list-limit}
 */
record DeadLetterList(long waiting, List<DeadLetterView> deadLetters) {}
