package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** One business rule of SPEC §4: one seed code, one class. */
interface Rule {

  /** The seed code this rule reports. */
  ErrorCode code();

  /**
   * Whether the input carries what the rule needs (operation, person, parseable dates, booking
   * facts…). A rule that cannot be evaluated reports nothing.
   */
  boolean evaluable(RuleInput in);

  /** The violation, if the rule is broken; only called when {@link #evaluable} is true. */
  Optional<Violation> check(RuleInput in);
}
