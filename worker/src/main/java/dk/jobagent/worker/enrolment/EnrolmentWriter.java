package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.enrolment.EnrolmentRepository.NewEnrolment;
import dk.jobagent.worker.enrolment.EnrolmentRepository.Origin;
import dk.jobagent.worker.receipt.LockedRequest;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import java.time.LocalDate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Applies an accepted command to the enrolment history. */
@Component
class EnrolmentWriter {

  private final EnrolmentRepository enrolments;
  private final AuditLog audit;

  EnrolmentWriter(EnrolmentRepository enrolments, AuditLog audit) {
    this.enrolments = enrolments;
    this.audit = audit;
  }

  /**
   * Returns the job centre receipt text for the result. The effect's audit record (enrolment
   * started, changed or ended) is written in the same transaction.
   */
  String apply(LockedRequest request, JobagentRequest body, RuleData data) {
    String effect =
        switch (request.operation()) {
          case CREATE -> AuditLog.ENROLMENT_STARTED;
          case UPDATE ->
              data.openEnrolment() == null
                  ? AuditLog.ENROLMENT_STARTED
                  : AuditLog.ENROLMENT_CHANGED;
          case DELETE -> AuditLog.ENROLMENT_ENDED;
        };
    String receipt = change(request, body, data);
    audit.recordForRequest(
        request.clientId(), request.requestId(), effect, "COMPLETED", null, request.cpr(), null);
    return receipt;
  }

  private String change(LockedRequest request, JobagentRequest body, RuleData data) {
    Origin origin = new Origin(request.clientId(), request.requestId());
    LocalDate today = CopenhagenDates.dateOf(request.receivedAt());
    return switch (request.operation()) {
      case CREATE -> enrol(request, body, origin);
      case UPDATE -> {
        EnrolmentPeriod open = data.openEnrolment();
        if (open == null) {
          yield enrol(request, body, origin);
        }
        if (!enrolments.touchOpen(open.id())) {
          throw new ConcurrentEnrolmentChangeException(
              "the open enrolment was ended concurrently", null);
        }
        enrolments.upsertJobWishes(open.id(), body.professions());
        yield "Job wishes updated (%d given) on the enrolment from %s"
            .formatted(body.professions().size(), open.start());
      }
      case DELETE -> {
        if (enrolments.endOpen(request.cpr(), today, origin) == 0) {
          throw new ConcurrentEnrolmentChangeException(
              "the open enrolment was ended concurrently", null);
        }
        yield "Enrolment ended on " + today;
      }
    };
  }

  private String enrol(LockedRequest request, JobagentRequest body, Origin origin) {
    LocalDate date =
        CopenhagenDates.toDate(body.enrollmentDate())
            .orElseGet(() -> CopenhagenDates.dateOf(request.receivedAt()));
    long id;
    try {
      id =
          enrolments.insert(
              new NewEnrolment(
                  request.cpr(),
                  body.clientCategoryTypeIdentifier(),
                  body.currentUnemploymentStatusTypeIdentifier(),
                  date,
                  CopenhagenDates.toInstant(body.haendelsesdato()).orElse(null),
                  body.emailAddressIdentifier()),
              origin);
    } catch (DuplicateKeyException e) {
      throw new ConcurrentEnrolmentChangeException(
          "another enrolment of the citizen was opened concurrently", e);
    }
    enrolments.upsertJobWishes(id, body.professions());
    return "Enrolled from %s with %d job wishes".formatted(date, body.professions().size());
  }
}
