package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 1010: the CPR is not in the person register, or is the "unknown" CPR 0000000000. */
final class UnknownCprRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.UNKNOWN_CPR;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return true;
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    if (Facts.UNKNOWN_CPR.equals(in.cpr())) {
      return Optional.of(new Violation(code(), "The CPR 0000000000 means unknown"));
    }
    if (in.person() == null) {
      return Optional.of(new Violation(code(), "The CPR is not in the person register"));
    }
    return Optional.empty();
  }
}
