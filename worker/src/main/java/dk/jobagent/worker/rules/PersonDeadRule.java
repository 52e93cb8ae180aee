package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4405: the person register has a death date on or before the request date. */
final class PersonDeadRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.PERSON_DEAD;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && Facts.personKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    var death = in.person().deathDate();
    if (death != null && !death.isAfter(in.today())) {
      return Optional.of(new Violation(code(), "The person register has a death date"));
    }
    return Optional.empty();
  }
}
