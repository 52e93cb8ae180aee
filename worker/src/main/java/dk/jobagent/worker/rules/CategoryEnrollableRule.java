package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4641: the (known) category may not be enrolled through this API. */
final class CategoryEnrollableRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.CATEGORY_NOT_ENROLLABLE;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrols(in) && Facts.category(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    ClientCategory category = Facts.category(in).orElseThrow();
    return category.enrollable()
        ? Optional.empty()
        : Optional.of(new Violation(code(), "Category " + category.code() + " cannot be enrolled"));
  }
}
