package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.ProfessionType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 4710: YearLastUsed lies after the request's year or before the birth year (when the CPR gives
 * one). Negative years are left to 4698.
 */
final class YearLastUsedRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_YEAR_LAST_USED;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in)
        && in.request().professions().stream().anyMatch(p -> p.yearLastUsed() != null);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    int thisYear = in.today().getYear();
    Integer birthYear = CprBirthDate.of(in.cpr()).map(LocalDate::getYear).orElse(null);
    List<ProfessionType> professions = in.request().professions();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < professions.size(); i++) {
      Integer year = professions.get(i).yearLastUsed();
      if (year == null || year < 0) {
        continue;
      }
      if (year > thisYear || (birthYear != null && year < birthYear)) {
        bad.add(i);
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                code(),
                "YearLastUsed is after "
                    + thisYear
                    + " or before the birth year at "
                    + Facts.positions(bad)));
  }
}
