package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4720: the person register says the person lives abroad. */
final class PersonAbroadRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.PERSON_ABROAD;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && Facts.personKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return in.person().abroad()
        ? Optional.of(new Violation(code(), "The person register marks the person as abroad"))
        : Optional.empty();
  }
}
