package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4314: CurrentUnemploymentStatusTypeIdentifier is not in the code list. */
final class UnemploymentStatusKnownRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_UNEMPLOYMENT_STATUS;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    String status = in.request().currentUnemploymentStatusTypeIdentifier();
    return status != null && in.codeLists().unemploymentStatuses().contains(status)
        ? Optional.empty()
        : Optional.of(
            new Violation(
                code(),
                "CurrentUnemploymentStatusTypeIdentifier '"
                    + status
                    + "' is not in the code list"));
  }
}
