package dk.jobagent.worker.rules;

import java.util.List;

/** The engine's verdict: errors primary first (SPEC §4 order) and warnings (9345). */
public record RuleOutcome(List<Violation> errors, List<Violation> warnings) {

  public RuleOutcome {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean accepted() {
    return errors.isEmpty();
  }
}
