package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;

/** 4338: EnrollmentDate must be today or at most 10 days before today (the request's date). */
final class EnrolmentDateWindowRule implements Rule {

  static final int MAX_DAYS_BACK = 10;

  @Override
  public ErrorCode code() {
    return ErrorCode.ENROLMENT_DATE_RANGE;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrols(in) && Facts.enrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    LocalDate date = Facts.enrolmentDate(in).orElseThrow();
    LocalDate today = in.today();
    if (date.isAfter(today)) {
      return Optional.of(new Violation(code(), "EnrollmentDate " + date + " is after " + today));
    }
    if (date.isBefore(today.minusDays(MAX_DAYS_BACK))) {
      return Optional.of(
          new Violation(
              code(),
              "EnrollmentDate "
                  + date
                  + " is more than "
                  + MAX_DAYS_BACK
                  + " days before "
                  + today));
    }
    return Optional.empty();
  }
}
