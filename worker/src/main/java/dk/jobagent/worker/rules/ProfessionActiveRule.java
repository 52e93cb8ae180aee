package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.ProfessionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** 4318: a ConceptUriDa is unknown to the occupation taxonomy or its status is not Aktiv. */
final class ProfessionActiveRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_PROFESSION;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in) && !in.request().professions().isEmpty();
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    Map<String, Occupation> known = in.occupations() == null ? Map.of() : in.occupations();
    List<ProfessionType> professions = in.request().professions();
    List<Integer> unknown = new ArrayList<>();
    List<Integer> inactive = new ArrayList<>();
    for (int i = 0; i < professions.size(); i++) {
      Occupation o = known.get(professions.get(i).conceptUriDa());
      if (o == null) {
        unknown.add(i);
      } else if (!o.active()) {
        inactive.add(i);
      }
    }
    if (unknown.isEmpty() && inactive.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!unknown.isEmpty()) {
      parts.add("unknown ConceptUriDa at " + Facts.positions(unknown));
    }
    if (!inactive.isEmpty()) {
      parts.add("ConceptUriDa not Aktiv at " + Facts.positions(inactive));
    }
    return Optional.of(new Violation(code(), String.join("; ", parts)));
  }
}
