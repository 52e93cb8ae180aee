package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * 4316: a new enrolment's date lies within or before an existing enrolment period. An open
 * enrolment covers every later date. An ended period's end date is the deregistration date, so a
 * new enrolment may start on it (re-enrolment on the day of deregistration) but not before it.
 */
final class EnrolmentOverlapRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.ENROLMENT_OVERLAP;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrols(in) && Facts.enrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    LocalDate date = Facts.enrolmentDate(in).orElseThrow();
    return Facts.enrolments(in).stream()
        .filter(p -> p.end() == null || date.isBefore(p.end()))
        .findFirst()
        .map(
            p ->
                new Violation(
                    code(),
                    "EnrollmentDate "
                        + date
                        + " is within or before the enrolment period from "
                        + p.start()
                        + (p.end() == null ? " (open)" : " to " + p.end())));
  }
}
