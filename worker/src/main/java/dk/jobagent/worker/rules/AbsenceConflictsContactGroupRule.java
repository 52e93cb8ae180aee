package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * 4645: an absence registration covering the enrolment date is of a type that conflicts with the
 * requested category's contact group (code list {@code absence_conflict}).
 */
final class AbsenceConflictsContactGroupRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.ABSENCE_CONFLICTS_CONTACT_GROUP;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.enrollableCategory(in).isPresent() && Facts.enrolmentDate(in).isPresent();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    LocalDate date = Facts.enrolmentDate(in).orElseThrow();
    String category = Facts.enrollableCategory(in).orElseThrow().code();
    return Facts.absences(in).stream()
        .filter(a -> a.covers(date))
        .filter(
            a ->
                in.codeLists()
                    .conflictingCategoriesByAbsenceType()
                    .getOrDefault(a.absenceType(), Set.of())
                    .contains(category))
        .findFirst()
        .map(
            a ->
                new Violation(
                    code(),
                    "A "
                        + a.absenceType()
                        + " absence covering "
                        + date
                        + " conflicts with category "
                        + category));
  }
}
