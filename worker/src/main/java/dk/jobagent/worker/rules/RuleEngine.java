package dk.jobagent.worker.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the business rules of SPEC §4 in the table's order and reports every violation that could be
 * evaluated, primary first. Pure: no clock (today is the request's Copenhagen date), no I/O.
 */
public final class RuleEngine {

  private final List<Rule> rules;

  RuleEngine(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Every rule, in SPEC §4 order. */
  public static RuleEngine standard() {
    return new RuleEngine(
        List.of(
            new UnknownCprRule(),
            new PersonDeadRule(),
            new PersonAbroadRule(),
            new TemporaryForeignAddressRule(),
            new ClientCategoryKnownRule(),
            new UnemploymentStatusKnownRule(),
            new CategoryEnrollableRule(),
            new CategoryStatusCombinationRule(),
            new RetirementAgeRule(),
            new AgeBandRule(),
            new EnrolmentDateWindowRule(),
            new EnrolmentOverlapRule(),
            new AbsenceBlocksEnrolmentRule(),
            new AbsenceConflictsContactGroupRule(),
            new ProfessionRequiredRule(),
            new ProfessionActiveRule(),
            new AliasOfOccupationRule(),
            new NegativeCountRule(),
            new YearLastUsedRule(),
            new UnknownIdentifierRule(),
            new JobnetCvRule(),
            new BookingBeforeTodayRule(),
            new InterviewOptionActiveRule(),
            new BookingWithinOptionRangeRule(),
            new SupervisorAllowedRule(),
            new CaseworkerFoundRule(),
            new JobsamtaleAlreadyBookedRule(),
            new BookingAfterDeadlineRule(),
            new MissingEmailWarningRule()));
  }

  public RuleOutcome evaluate(RuleInput input) {
    List<Violation> errors = new ArrayList<>();
    List<Violation> warnings = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.evaluable(input)) {
        rule.check(input).ifPresent(v -> (v.code().isWarning() ? warnings : errors).add(v));
      }
    }
    return new RuleOutcome(errors, warnings);
  }

  /** The rules in evaluation order (for the catalogue test). */
  List<Rule> rules() {
    return rules;
  }
}
