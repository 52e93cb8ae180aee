package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.ProfessionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** 8281: an AliasIdentifier is unknown or is not an alias of its item's ConceptUriDa. */
final class AliasOfOccupationRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.OCCUPATION_KEY_UNKNOWN;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in)
        && in.request().professions().stream().anyMatch(p -> p.aliasIdentifier() != null);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    Map<UUID, OccupationAlias> known = in.aliases() == null ? Map.of() : in.aliases();
    List<ProfessionType> professions = in.request().professions();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < professions.size(); i++) {
      ProfessionType p = professions.get(i);
      if (p.aliasIdentifier() == null) {
        continue;
      }
      OccupationAlias alias = Facts.uuid(p.aliasIdentifier()).map(known::get).orElse(null);
      if (alias == null || !alias.conceptUri().equals(p.conceptUriDa())) {
        bad.add(i);
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                code(),
                "AliasIdentifier is not an alias of its ConceptUriDa at " + Facts.positions(bad)));
  }
}
