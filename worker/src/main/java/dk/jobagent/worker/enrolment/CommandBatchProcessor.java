package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.enrolment.EnrolmentWriter.Accepted;
import dk.jobagent.worker.enrolment.ProcessingResult.Outcome;
import dk.jobagent.worker.receipt.LockedRequest;
import dk.jobagent.worker.receipt.ReceiptWriter;
import dk.jobagent.worker.receipt.ReceiptWriter.Finish;
import dk.jobagent.worker.receipt.RequestRepository;
import dk.jobagent.worker.receipt.RequestRepository.Key;
import dk.jobagent.worker.reference.CodeListRepository;
import dk.jobagent.worker.rules.CodeLists;
import dk.jobagent.worker.rules.RuleOutcome;
import dk.jobagent.worker.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes a batch of CreateJobagent and DeleteJobagent commands in ONE transaction with set-based
 * statements: lock the request rows, read the rule data of all citizens, judge each command with
 * the same rules as {@link CommandProcessor}, then write the enrolment changes, the audit records
 * and the receipts with their replies a statement each. Under load this replaces some ten round
 * trips and a commit per command by some ten per batch.
 *
 * <p>Some commands are left to {@link CommandProcessor} after the batch commits (their entry in the
 * answer is null): UpdateJobagent (it may call the booking system, which must not hold a batch's
 * locks), and a second command for a citizen already in the batch (it must see the first one's
 * effect). Any exception rolls the whole batch back; the caller then processes the commands one by
 * one, so one bad command costs its batch a retry, not its neighbours their receipts.
 */
@Service
public class CommandBatchProcessor {

  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final RequestRepository requests;
  private final RuleDataLoader ruleData;
  private final CodeListRepository codeLists;
  private final EnrolmentWriter writer;
  private final ReceiptWriter receipts;
  private final JsonMapper json;
  private final Clock clock;

  CommandBatchProcessor(
      TransactionTemplate tx,
      JdbcClient jdbc,
      RequestRepository requests,
      RuleDataLoader ruleData,
      CodeListRepository codeLists,
      EnrolmentWriter writer,
      ReceiptWriter receipts,
      JsonMapper json,
      Optional<Clock> clock) {
    this.tx = tx;
    this.jdbc = jdbc;
    this.requests = requests;
    this.ruleData = ruleData;
    this.codeLists = codeLists;
    this.writer = writer;
    this.receipts = receipts;
    this.json = json;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** A command of the batch that this transaction judges. */
  private record Item(int index, LockedRequest request, JobagentRequest body) {}

  /**
   * Returns one entry per command, in order: what was done, or null when the command is to be
   * processed on its own (after this returns). Runtime exceptions roll the batch back.
   */
  public List<ProcessingResult> process(List<EnrolmentCommand> commands) {
    return tx.execute(
        status -> {
          IndexPlans.require(jdbc);
          return processLocked(commands);
        });
  }

  private List<ProcessingResult> processLocked(List<EnrolmentCommand> commands) {
    ProcessingResult[] results = new ProcessingResult[commands.size()];
    Map<Key, LockedRequest> locked =
        requests.lockAll(commands.stream().map(c -> new Key(c.clientId(), c.requestId())).toList());
    List<Item> items = new ArrayList<>();
    Set<String> cprs = new HashSet<>();
    List<ProfessionType> professions = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      EnrolmentCommand command = commands.get(i);
      LockedRequest request = locked.get(new Key(command.clientId(), command.requestId()));
      if (request == null) {
        results[i] = ProcessingResult.of(Outcome.REQUEST_NOT_FOUND);
      } else if (request.status().isFinal()) {
        results[i] = new ProcessingResult(Outcome.ALREADY_FINAL, request.operation(), null);
      } else if (request.operation() != Operation.UPDATE && cprs.add(request.cpr())) {
        JobagentRequest body = CommandProcessor.body(request, json);
        professions.addAll(body.professions());
        items.add(new Item(i, request, body));
      }
      // else: left null, processed on its own
    }
    if (items.isEmpty()) {
      return Arrays.asList(results);
    }
    RuleDataSet data = ruleData.load(cprs, professions, true);
    CodeLists lists = codeLists.current();
    Instant now = clock.instant();
    List<Finish> finishes = new ArrayList<>(items.size());
    List<Accepted> accepted = new ArrayList<>();
    List<Item> acceptedItems = new ArrayList<>();
    List<List<ReceiptError>> acceptedWarnings = new ArrayList<>();
    for (Item item : items) {
      LockedRequest request = item.request();
      RuleData facts = data.of(request.cpr(), item.body());
      RuleOutcome outcome = CommandProcessor.judge(request, item.body(), facts, lists, null);
      List<ReceiptError> warnings = CommandProcessor.receiptErrors(outcome.warnings());
      if (outcome.accepted()) {
        accepted.add(new Accepted(request, item.body(), facts));
        acceptedItems.add(item);
        acceptedWarnings.add(warnings);
        results[item.index()] =
            new ProcessingResult(
                Outcome.COMPLETED,
                request.operation(),
                outcome.warnings().isEmpty() ? null : outcome.warnings().getFirst().code());
      } else {
        List<ReceiptError> errors = CommandProcessor.receiptErrors(outcome.errors());
        finishes.add(new Finish(request, ReceiptStatus.REJECTED, null, errors, warnings));
        results[item.index()] =
            new ProcessingResult(
                Outcome.REJECTED,
                request.operation(),
                outcome.errors().stream().map(Violation::code).findFirst().orElseThrow());
      }
    }
    List<String> texts = writer.applyAll(accepted);
    for (int k = 0; k < acceptedItems.size(); k++) {
      finishes.add(
          new Finish(
              acceptedItems.get(k).request(),
              ReceiptStatus.COMPLETED,
              CommandProcessor.completed(now, texts.get(k), null),
              List.of(),
              acceptedWarnings.get(k)));
    }
    receipts.finishAll(finishes, now);
    return Arrays.asList(results);
  }
}
