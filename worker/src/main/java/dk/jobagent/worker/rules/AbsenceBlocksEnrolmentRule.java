package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;

/** 4750: an absence registration of a blocking type covers the enrolment date. */
final class AbsenceBlocksEnrolmentRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.ABSENCE_BLOCKS_ENROLMENT;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrols(in) && Facts.enrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    LocalDate date = Facts.enrolmentDate(in).orElseThrow();
    return Facts.absences(in).stream()
        .filter(a -> a.covers(date))
        .filter(
            a -> in.codeLists().absenceTypeBlocksEnrolment().getOrDefault(a.absenceType(), false))
        .findFirst()
        .map(
            a ->
                new Violation(
                    code(), "A " + a.absenceType() + " absence covers the enrolment date " + date));
  }
}
