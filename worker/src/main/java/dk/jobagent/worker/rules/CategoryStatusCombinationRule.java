package dk.jobagent.worker.rules;

import dk.jobagent.schemas.ErrorCode;
import java.util.Optional;
import java.util.Set;

/** 6014: the unemployment status is not allowed for the category. */
final class CategoryStatusCombinationRule implements Rule {

  @Override
  public ErrorCode code() {
    return ErrorCode.ILLEGAL_CATEGORY_STATUS;
  }

  @Override
  public boolean evaluable(RuleInput in) {
    // an unknown status is 4314's finding, an unknown or non-enrollable category 4313's or 4641's
    return Facts.enrollableCategory(in).isPresent()
        && in.codeLists()
            .unemploymentStatuses()
            .contains(in.request().currentUnemploymentStatusTypeIdentifier());
  }

  @Override
  public Optional<Violation> check(RuleInput in) {
    String category = Facts.enrollableCategory(in).orElseThrow().code();
    String status = in.request().currentUnemploymentStatusTypeIdentifier();
    Set<String> allowed =
        in.codeLists().allowedStatusesByCategory().getOrDefault(category, Set.of());
    return allowed.contains(status)
        ? Optional.empty()
        : Optional.of(
            new Violation(code(), "Status " + status + " is not allowed for category " + category));
  }
}
