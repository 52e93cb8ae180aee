package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.ProfessionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** 4698: a count (MonthsOfExperience, YearLastUsed) is negative. */
final class NegativeCountRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.NEGATIVE_PARAMETER;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && !in.request().professions().isEmpty();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    List<ProfessionType> professions = in.request().professions();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < professions.size(); i++) {
      ProfessionType p = professions.get(i);
      if (p.monthsOfExperience() != null && p.monthsOfExperience() < 0) {
        bad.add("Profession[" + i + "].MonthsOfExperience");
      }
      if (p.yearLastUsed() != null && p.yearLastUsed() < 0) {
        bad.add("Profession[" + i + "].YearLastUsed");
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(new Violation(code(), "Negative value in " + bad));
  }
}
