package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;

/** 4313: ClientCategoryTypeIdentifier is not in the client-category code list. */
final class ClientCategoryKnownRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_CLIENT_CATEGORY;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    return Facts.writesBody(in);
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    return Facts.category(in).isPresent()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                code(),
                "ClientCategoryTypeIdentifier '"
                    + in.request().clientCategoryTypeIdentifier()
                    + "' is not in the code list"));
  }
}
