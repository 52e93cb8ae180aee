package dk.jobagent.worker.deadletter;

import java.util.List;

/**
 * The answer of {@code POST /admin/dlq/redrive}.
 *
 * @param redriven how many dead letters were put back on {@code jobagent.commands}
 * @param ids those dead letters, oldest first
 * @param alreadyRedriven named ids that had been re-driven before: nothing was done for them
 * @param alreadyFinal re-driven ids whose request already has a final receipt (COMPLETED, REJECTED
 *     or FAILED): the worker acknowledges them without an effect, because a final receipt is never
 *     changed (the caller resubmits with a new x-requestId)
 * @param notRedrivable waiting ids with no known routing key: left waiting
 */
record RedriveResult(
    int redriven,
    List<String> ids,
    List<String> alreadyRedriven,
    List<String> alreadyFinal,
    List<String> notRedrivable) {}
