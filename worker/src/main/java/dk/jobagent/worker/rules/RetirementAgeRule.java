package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4763: a person aged 65 or more on the enrolment date may only enrol as UDEN_YDELSE. */
final class RetirementAgeRule implements Rule {

  static final int AGE = 65;
  static final String ONLY_CATEGORY = "UDEN_YDELSE";

  @Override
  public ErrorCode code() {
    return ErrorCode.AGE_65_NOT_UDEN_YDELSE;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrollableCategory(in).isPresent() && Facts.ageOnEnrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    int age = Facts.ageOnEnrolmentDate(in).getAsInt();
    String category = Facts.enrollableCategory(in).orElseThrow().code();
    return age >= AGE && !ONLY_CATEGORY.equals(category)
        ? Optional.of(
            new Violation(code(), "Age " + age + " on the enrolment date; category " + category))
        : Optional.empty();
  }
}
