package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.messages.Operation;

/**
 * What processing one command did.
 *
 * @param operation null when the request row was not found
 * @param primaryCode the primary error (REJECTED, FAILED), the first warning (COMPLETED), else null
 */
public record ProcessingResult(Outcome outcome, Operation operation, ErrorCode primaryCode) {

  public enum Outcome {
    /** Receipt COMPLETED: the enrolment change is committed. */
    COMPLETED,
    /** Receipt REJECTED by the rules: no effect. */
    REJECTED,
    /** Receipt FAILED: a technical failure after the last attempt. */
    FAILED,
    /** The receipt was already final: a redelivery or duplicate, nothing done. */
    ALREADY_FINAL,
    /** No request row for the command: nothing to process. */
    REQUEST_NOT_FOUND
  }

  static ProcessingResult of(Outcome outcome) {
    return new ProcessingResult(outcome, null, null);
  }
}
