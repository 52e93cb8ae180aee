package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 7062: the category requires at least one ProfessionType and the request has none. */
final class ProfessionRequiredRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.PROFESSION_REQUIRED;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrollableCategory(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    ClientCategory category = Facts.enrollableCategory(in).orElseThrow();
    return category.professionRequired() && in.request().professions().isEmpty()
        ? Optional.of(
            new Violation(code(), "Category " + category.code() + " requires a ProfessionType"))
        : Optional.empty();
  }
}
