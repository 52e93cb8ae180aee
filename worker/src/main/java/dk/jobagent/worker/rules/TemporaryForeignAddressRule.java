package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4725: the person register has a temporary foreign address for the person. */
final class TemporaryForeignAddressRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.TEMPORARY_FOREIGN_ADDRESS;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && Facts.personKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return in.person().temporaryForeignAddress()
        ? Optional.of(new Violation(code(), "The person register has a temporary foreign address"))
        : Optional.empty();
  }
}
