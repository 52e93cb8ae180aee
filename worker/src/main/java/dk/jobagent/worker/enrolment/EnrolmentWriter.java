package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.audit.AuditLog.RequestEvent;
import dk.jobagent.worker.enrolment.EnrolmentRepository.JobWish;
import dk.jobagent.worker.enrolment.EnrolmentRepository.NewEnrolment;
import dk.jobagent.worker.enrolment.EnrolmentRepository.Origin;
import dk.jobagent.worker.receipt.LockedRequest;
import dk.jobagent.worker.rules.EnrolmentPeriod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Applies accepted commands to the enrolment history, a batch at a time: new enrolments in one
 * statement, all job wishes in one JDBC batch, the effects' audit records in one statement.
 */
@Component
class EnrolmentWriter {

  /** An accepted command and the rule data it was judged on. */
  record Accepted(LockedRequest request, JobagentRequest body, RuleData data) {}

  private final EnrolmentRepository enrolments;
  private final AuditLog audit;

  EnrolmentWriter(EnrolmentRepository enrolments, AuditLog audit) {
    this.enrolments = enrolments;
    this.audit = audit;
  }

  /** Applies one command; returns the job centre receipt text for its result. */
  String apply(LockedRequest request, JobagentRequest body, RuleData data) {
    return applyAll(List.of(new Accepted(request, body, data))).getFirst();
  }

  /**
   * Applies the commands (at most one per citizen) in the caller's transaction; returns their job
   * centre receipt texts in the same order. The effects' audit records (enrolment started, changed
   * or ended) are written in that transaction too.
   */
  List<String> applyAll(List<Accepted> accepted) {
    String[] receipts = new String[accepted.size()];
    List<Integer> toEnrol = new ArrayList<>();
    List<JobWish> wishes = new ArrayList<>();
    List<RequestEvent> events = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      Accepted a = accepted.get(i);
      LockedRequest request = a.request();
      EnrolmentPeriod open = a.data().openEnrolment();
      String effect =
          switch (request.operation()) {
            case CREATE -> AuditLog.ENROLMENT_STARTED;
            case UPDATE -> open == null ? AuditLog.ENROLMENT_STARTED : AuditLog.ENROLMENT_CHANGED;
            case DELETE -> AuditLog.ENROLMENT_ENDED;
          };
      events.add(
          new RequestEvent(
              request.clientId(),
              request.requestId(),
              effect,
              "COMPLETED",
              null,
              request.cpr(),
              null));
      switch (request.operation()) {
        case CREATE -> toEnrol.add(i);
        case UPDATE -> {
          if (open == null) {
            toEnrol.add(i);
          } else {
            touchOpen(open);
            wishes.addAll(jobWishes(open.id(), a.body().professions()));
            receipts[i] =
                "Job wishes updated (%d given) on the enrolment from %s"
                    .formatted(a.body().professions().size(), open.start());
          }
        }
        case DELETE -> {
          LocalDate today = CopenhagenDates.dateOf(request.receivedAt());
          if (enrolments.endOpen(request.cpr(), today, origin(request)) == 0) {
            throw new ConcurrentEnrolmentChangeException(
                "the open enrolment was ended concurrently", null);
          }
          receipts[i] = "Enrolment ended on " + today;
        }
      }
    }
    enrol(accepted, toEnrol, receipts, wishes);
    enrolments.upsertJobWishes(wishes);
    audit.recordForRequests(events);
    return List.of(receipts);
  }

  /** Locks the open enrolment for the job-wish change; a concurrent delete makes it fail. */
  private void touchOpen(EnrolmentPeriod open) {
    if (!enrolments.touchOpen(open.id())) {
      throw new ConcurrentEnrolmentChangeException(
          "the open enrolment was ended concurrently", null);
    }
  }

  private void enrol(
      List<Accepted> accepted, List<Integer> indexes, String[] receipts, List<JobWish> wishes) {
    if (indexes.isEmpty()) {
      return;
    }
    List<NewEnrolment> rows = new ArrayList<>(indexes.size());
    List<Origin> origins = new ArrayList<>(indexes.size());
    List<LocalDate> dates = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      LockedRequest request = accepted.get(i).request();
      JobagentRequest body = accepted.get(i).body();
      LocalDate date =
          CopenhagenDates.toDate(body.enrollmentDate())
              .orElseGet(() -> CopenhagenDates.dateOf(request.receivedAt()));
      dates.add(date);
      origins.add(origin(request));
      rows.add(
          new NewEnrolment(
              request.cpr(),
              body.clientCategoryTypeIdentifier(),
              body.currentUnemploymentStatusTypeIdentifier(),
              date,
              CopenhagenDates.toInstant(body.haendelsesdato()).orElse(null),
              body.emailAddressIdentifier()));
    }
    Map<Origin, Long> ids;
    try {
      ids = enrolments.insertAll(rows, origins);
    } catch (DuplicateKeyException e) {
      throw new ConcurrentEnrolmentChangeException(
          "another enrolment of a citizen was opened concurrently", e);
    }
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      List<ProfessionType> professions = accepted.get(i).body().professions();
      wishes.addAll(jobWishes(ids.get(origins.get(k)), professions));
      receipts[i] =
          "Enrolled from %s with %d job wishes".formatted(dates.get(k), professions.size());
    }
  }

  private static List<JobWish> jobWishes(long enrolmentId, List<ProfessionType> professions) {
    return professions.stream().map(p -> new JobWish(enrolmentId, p)).toList();
  }

  private static Origin origin(LockedRequest request) {
    return new Origin(request.clientId(), request.requestId());
  }
}
