package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.api.EnrollmentAndBookResponse;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.api.ReceiptStatus;
import dk.jobagent.schemas.api.ServiceReceipt;
import dk.jobagent.schemas.messages.EnrolmentCommand;
import dk.jobagent.schemas.messages.Operation;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.booking.BookingPort;
import dk.jobagent.worker.booking.BookingPort.BookingConfirmation;
import dk.jobagent.worker.booking.BookingPort.BookingRequest;
import dk.jobagent.worker.booking.BookingRefusedException;
import dk.jobagent.worker.booking.BookingUnavailableException;
import dk.jobagent.worker.enrolment.ProcessingResult.Outcome;
import dk.jobagent.worker.receipt.LockedRequest;
import dk.jobagent.worker.receipt.ReceiptWriter;
import dk.jobagent.worker.receipt.RequestRepository;
import dk.jobagent.worker.reference.CodeListRepository;
import dk.jobagent.worker.rules.BookingFacts;
import dk.jobagent.worker.rules.CodeLists;
import dk.jobagent.worker.rules.RuleEngine;
import dk.jobagent.worker.rules.RuleInput;
import dk.jobagent.worker.rules.RuleOutcome;
import dk.jobagent.worker.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes one enrolment command in ONE transaction: lock the request row, skip it if its receipt
 * is already final (idempotency), read the rule data, run the rules, apply the change, write the
 * receipt, the reply and the notification. The caller acks the message only after this returns.
 *
 * <p>An UpdateJobagent with a booking is the seed's composite: its booking calls run inside that
 * transaction, under the request's row lock, so two deliveries of one command never book at once
 * (the booking calls are bounded by timeouts, retries and the circuit breaker). The booking is made
 * before the enrolment change, with the requestId as its idempotency key: a command retried after a
 * failed or lost commit gets the same booking back; a request that ends without it gives the key
 * up, which cancels the booking ({@link BookingPort#abandon}).
 */
@Service
public class CommandProcessor {

  /** A DeleteJobagent has no body: the rules see an empty request. */
  private static final JobagentRequest EMPTY =
      new JobagentRequest(null, null, null, null, null, null, null, null, null, null);

  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final RequestRepository requests;
  private final RuleDataLoader ruleData;
  private final CodeListRepository codeLists;
  private final EnrolmentWriter writer;
  private final BookingPort booking;
  private final ReceiptWriter receipts;
  private final JsonMapper json;
  private final AuditLog audit;
  private final Clock clock;
  private static final RuleEngine ENGINE = RuleEngine.standard();

  CommandProcessor(
      TransactionTemplate tx,
      JdbcClient jdbc,
      RequestRepository requests,
      RuleDataLoader ruleData,
      CodeListRepository codeLists,
      EnrolmentWriter writer,
      BookingPort booking,
      ReceiptWriter receipts,
      JsonMapper json,
      AuditLog audit,
      Optional<Clock> clock) {
    this.audit = audit;
    this.tx = tx;
    this.jdbc = jdbc;
    this.requests = requests;
    this.ruleData = ruleData;
    this.codeLists = codeLists;
    this.writer = writer;
    this.booking = booking;
    this.receipts = receipts;
    this.json = json;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** Processes the command; runtime exceptions roll everything back and reach the caller. */
  public ProcessingResult process(EnrolmentCommand command) {
    return tx.execute(
        status -> {
          IndexPlans.require(jdbc);
          return processLocked(command);
        });
  }

  private ProcessingResult processLocked(EnrolmentCommand command) {
    Optional<LockedRequest> locked = requests.lock(command.clientId(), command.requestId());
    if (locked.isEmpty()) {
      return ProcessingResult.of(Outcome.REQUEST_NOT_FOUND);
    }
    LockedRequest request = locked.get();
    if (request.status().isFinal()) {
      return new ProcessingResult(Outcome.ALREADY_FINAL, request.operation(), null);
    }
    JobagentRequest body = body(request, json);
    RuleData data = ruleData.load(request.cpr(), body);
    BookingRequest bookingRequest =
        new BookingRequest(request.clientId(), request.requestId(), request.cpr(), body);
    boolean wantsBooking = request.operation() == Operation.UPDATE && body.hasBooking();
    BookingFacts facts = null;
    BookingUnavailableException unavailable = null;
    if (wantsBooking) {
      try {
        facts = booking.facts(bookingRequest);
      } catch (BookingUnavailableException e) {
        // the other rules can still reject the request; the booking rules cannot be judged now
        unavailable = e;
      }
    }
    RuleOutcome outcome = judge(request, body, data, codeLists.current(), facts);
    List<ReceiptError> warnings = receiptErrors(outcome.warnings());
    Instant now = clock.instant();
    if (!outcome.accepted()) {
      return reject(
          request, outcome.errors().stream().map(Violation::code).toList(), warnings, now);
    }
    if (unavailable != null) {
      // nothing written: the listener parks the command (or answers 4769 past the wait limit)
      throw unavailable;
    }
    // UpdateJobagent is all or nothing: book first (idempotent by requestId), then change the
    // enrolment and write the receipt in this transaction. Should the commit fail, the booking is
    // either reused by the retry (same key, same booking) or, when the request ends without it,
    // cancelled (BookingPort.abandon in the final transaction).
    BookingConfirmation booked = null;
    if (wantsBooking) {
      try {
        booked = booking.book(bookingRequest);
      } catch (BookingRefusedException e) {
        return reject(request, e.codes(), warnings, now);
      }
    }
    String jobCenterReceipt = writer.apply(request, body, data);
    if (booked != null) {
      booking.committed(request.clientId(), request.requestId());
      audit.recordForRequest(
          request.clientId(),
          request.requestId(),
          AuditLog.BOOKING_MADE,
          "COMPLETED",
          null,
          request.cpr(),
          booked.indkaldelseId() == null
              ? null
              : "{\"IndkaldelseId\":\"" + jsonSafe(booked.indkaldelseId()) + "\"}");
    }
    receipts.finish(
        request,
        ReceiptStatus.COMPLETED,
        completed(now, jobCenterReceipt, booked),
        List.of(),
        warnings,
        now);
    return new ProcessingResult(
        Outcome.COMPLETED,
        request.operation(),
        outcome.warnings().isEmpty() ? null : outcome.warnings().getFirst().code());
  }

  /** REJECTED: no effect, and no booking left behind by an earlier attempt of this request. */
  private ProcessingResult reject(
      LockedRequest request, List<ErrorCode> errors, List<ReceiptError> warnings, Instant now) {
    if (request.operation() == Operation.UPDATE) {
      booking.abandon(request.clientId(), request.requestId());
    }
    receipts.finish(
        request,
        ReceiptStatus.REJECTED,
        null,
        errors.stream().map(ReceiptError::of).toList(),
        warnings,
        now);
    return new ProcessingResult(Outcome.REJECTED, request.operation(), errors.getFirst());
  }

  /**
   * Gives up on a command after its last attempt: the receipt becomes FAILED (never silent), with
   * 8111 when the person register could not be read, 4769 when the booking system could not be
   * reached within the wait limit, else a technical error entry. Does nothing when the receipt is
   * already final or the request row does not exist.
   */
  public ProcessingResult fail(EnrolmentCommand command, Throwable cause) {
    return tx.execute(
        status -> {
          IndexPlans.require(jdbc);
          Optional<LockedRequest> locked = requests.lock(command.clientId(), command.requestId());
          if (locked.isEmpty()) {
            return ProcessingResult.of(Outcome.REQUEST_NOT_FOUND);
          }
          LockedRequest request = locked.get();
          if (request.status().isFinal()) {
            return new ProcessingResult(Outcome.ALREADY_FINAL, request.operation(), null);
          }
          ErrorCode code =
              causedBy(cause, PersonRegisterUnavailableException.class)
                  ? ErrorCode.PERSON_LOOKUP_FAILED
                  : causedBy(cause, BookingUnavailableException.class)
                      ? ErrorCode.BOOKING_SYSTEM_UNREACHABLE
                      : null;
          ReceiptError error = code == null ? TECHNICAL_ERROR : ReceiptError.of(code);
          if (request.operation() == Operation.UPDATE) {
            // the request ends without its booking: give up whatever an attempt booked
            booking.abandon(request.clientId(), request.requestId());
          }
          receipts.finish(
              request, ReceiptStatus.FAILED, null, List.of(error), List.of(), clock.instant());
          return new ProcessingResult(Outcome.FAILED, request.operation(), code);
        });
  }

  /**
   * A FAILED receipt's entry when no seed code fits (the database was unavailable for every
   * attempt, or an unexpected error). Code 0: the seed defines no technical-error code.
   */
  static final ReceiptError TECHNICAL_ERROR =
      new ReceiptError(
          0,
          "Technical error",
          "The request could not be processed because of a technical error and has been handed"
              + " to an operator; it may be re-driven");

  /** Runs the rule catalogue; {@code facts} null unless the request books a meeting. */
  static RuleOutcome judge(
      LockedRequest request,
      JobagentRequest body,
      RuleData data,
      CodeLists codeLists,
      BookingFacts facts) {
    return ENGINE.evaluate(
        new RuleInput(
            request.operation(),
            request.receivedAt(),
            request.cpr(),
            body,
            data.person(),
            data.absences(),
            data.enrolments(),
            data.occupations(),
            data.aliases(),
            data.jobTargetIdsOfOtherCitizens(),
            codeLists,
            facts));
  }

  /** A COMPLETED receipt's result; {@code booked} null when no meeting was booked. */
  static EnrollmentAndBookResponse completed(
      Instant now, String jobCenterReceipt, BookingConfirmation booked) {
    return new EnrollmentAndBookResponse(
        new ServiceReceipt(
            OffsetDateTime.ofInstant(now, CopenhagenDates.ZONE), UUID.randomUUID().toString()),
        booked == null ? jobCenterReceipt : booked.jobCenterReceipt(),
        booked == null ? null : booked.phone(),
        booked == null ? null : booked.fax(),
        true,
        booked == null ? null : booked.indkaldelseId());
  }

  /** The body of a stored request; a DeleteJobagent has none. */
  static JobagentRequest body(LockedRequest request, JsonMapper json) {
    return request.body() == null ? EMPTY : json.readValue(request.body(), JobagentRequest.class);
  }

  /** The booking system's id inside a JSON string: letters, digits and -_.: only. */
  private static String jsonSafe(String id) {
    return id.replaceAll("[^A-Za-z0-9_.:-]", "");
  }

  static List<ReceiptError> receiptErrors(List<Violation> violations) {
    return violations.stream().map(v -> ReceiptError.of(v.code())).toList();
  }

  static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
