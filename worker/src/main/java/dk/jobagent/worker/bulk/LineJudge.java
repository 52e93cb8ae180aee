package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.enrolment.RuleDataSet;
import dk.jobagent.worker.enrolment.Uuids;
import dk.jobagent.worker.rules.CodeLists;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import dk.jobagent.worker.rules.RuleEngine;
import dk.jobagent.worker.rules.RuleInput;
import dk.jobagent.worker.rules.RuleOutcome;
import dk.jobagent.worker.rules.Violation;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Judges syntax-valid lines with the API's rule engine, in file order, against chunk facts. */
@Component
class LineJudge {

  private final RuleEngine engine = RuleEngine.standard();

  void judge(LineOutcome outcome, RuleDataSet facts, CodeLists codeLists, Instant receivedAt) {
    CheckedLine line = outcome.line;
    String cpr = line.cpr();
    Set<UUID> requested = new LinkedHashSet<>();
    for (ProfessionType p : line.body().professions()) {
      Uuids.parse(p.jobTargetIdentifier()).ifPresent(requested::add);
    }
    RuleOutcome result =
        engine.evaluate(
            new RuleInput(
                Operation.CREATE,
                receivedAt,
                cpr,
                line.body(),
                facts.persons().get(cpr),
                facts.absences().getOrDefault(cpr, List.of()),
                List.copyOf(facts.enrolmentsOf(cpr)),
                facts.occupations(),
                facts.aliases(),
                facts.targetsOfOthers(cpr, requested),
                codeLists,
                null));
    outcome.warnings = receiptErrors(result.warnings());
    if (!result.accepted()) {
      outcome.status = LineStatus.REJECTED;
      outcome.errors = receiptErrors(result.errors());
      return;
    }
    outcome.status = LineStatus.COMPLETED;
    outcome.enrolmentDate =
        CopenhagenDates.toDate(line.body().enrollmentDate())
            .orElseGet(() -> CopenhagenDates.dateOf(receivedAt));
    facts.enrolled(
        cpr,
        new EnrolmentPeriod(-line.lineNo(), outcome.enrolmentDate, null, Set.copyOf(requested)));
  }

  static List<ReceiptError> receiptErrors(List<Violation> violations) {
    return violations.stream().map(v -> ReceiptError.of(v.code())).toList();
  }
}
