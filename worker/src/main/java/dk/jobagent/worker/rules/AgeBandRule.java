package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 6033: the age on the enrolment date is outside the category's contact-group age band. */
final class AgeBandRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.AGE_NOT_COHERENT;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrollableCategory(in).isPresent() && Facts.ageOnEnrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    int age = Facts.ageOnEnrolmentDate(in).getAsInt();
    ClientCategory c = Facts.enrollableCategory(in).orElseThrow();
    boolean inside = age >= c.minAge() && (c.maxAge() == null || age <= c.maxAge());
    if (inside) {
      return Optional.empty();
    }
    String band = c.minAge() + "–" + (c.maxAge() == null ? "" : c.maxAge());
    return Optional.of(
        new Violation(
            code(),
            "Age "
                + age
                + " on the enrolment date is outside "
                + c.contactGroup()
                + "'s age band "
                + band));
  }
}
