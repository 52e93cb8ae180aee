package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.messages.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 4589: a DeleteJobagent finds no open enrolment to end, or an UpdateJobagent names a
 * jobTargetIdentifier that belongs to another citizen.
 */
final class UnknownIdentifierRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.UNKNOWN_IDENTIFIER;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return in.operation() == Operation.DELETE
        || (in.operation() == Operation.UPDATE && in.request() != null);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    if (in.operation() == Operation.DELETE) {
      return Facts.openEnrolment(in).isPresent()
          ? Optional.empty()
          : Optional.of(new Violation(code(), "The citizen has no open enrolment"));
    }
    Set<java.util.UUID> others =
        in.jobTargetIdsOfOtherCitizens() == null ? Set.of() : in.jobTargetIdsOfOtherCitizens();
    List<ProfessionType> professions = in.request().professions();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < professions.size(); i++) {
      if (Facts.uuid(professions.get(i).jobTargetIdentifier())
          .filter(others::contains)
          .isPresent()) {
        bad.add(i);
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                code(),
                "jobTargetIdentifier belongs to another citizen at " + Facts.positions(bad)));
  }
}
