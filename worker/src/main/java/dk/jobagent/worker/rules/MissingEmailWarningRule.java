package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 9345 (warning): no e-mail address is known, neither in the request nor on file. */
final class MissingEmailWarningRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.MISSING_DATA_WARNING;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && Facts.personKnown(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return blank(in.request().emailAddressIdentifier()) && blank(in.person().email())
        ? Optional.of(new Violation(code(), "No e-mail address known for the citizen"))
        : Optional.empty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
