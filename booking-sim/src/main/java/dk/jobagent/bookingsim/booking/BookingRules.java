package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.data.Caseworker;
import dk.jobagent.bookingsim.data.Dataset;
import dk.jobagent.bookingsim.data.Deadline;
import dk.jobagent.bookingsim.data.ExistingBooking;
import dk.jobagent.bookingsim.data.InterviewOption;
import dk.jobagent.bookingsim.data.Jobcenter;
import dk.jobagent.bookingsim.web.ProblemType;
import dk.jobagent.bookingsim.web.Violation;
import dk.jobagent.schemas.CopenhagenDates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The booking system's checks. Every rule that can be evaluated is, and the result is in SPEC §4
 * order so the worker can list them all with the primary one first.
 */
final class BookingRules {

  static final int JOBSAMTALE = 7;

  private BookingRules() {}

  static List<Violation> check(
      ValidBookingRequest request, BookingLedger.State state, Instant now) {
    Dataset data = state.dataset();
    List<Violation> violations = new ArrayList<>();
    Instant start = request.startTime();
    LocalDate day = CopenhagenDates.dateOf(start);

    if (start.isBefore(now)) {
      violations.add(
          new Violation(ProblemType.START_TIME_IN_PAST, "start time " + start + " has passed"));
    }
    InterviewOption option = data.options().get(request.interviewOptionId());
    if (option == null) {
      violations.add(
          new Violation(
              ProblemType.INTERVIEW_OPTION_UNKNOWN,
              "interview option " + request.interviewOptionId() + " is unknown"));
    } else if (!option.active()) {
      violations.add(
          new Violation(
              ProblemType.INTERVIEW_OPTION_INACTIVE,
              "interview option " + option.id() + " is not active"));
    }
    if (option != null && !option.covers(day)) {
      violations.add(
          new Violation(
              ProblemType.OUTSIDE_OPTION_DATE_RANGE,
              "date "
                  + day
                  + " is outside the option's range "
                  + option.validFrom()
                  + ".."
                  + option.validTo()));
    }
    if (request.caseWorkerRid() != null) {
      Caseworker caseworker = data.caseworkers().get(request.caseWorkerRid());
      // An unknown caseworker is reported as unknown only: whether someone who does not exist
      // may supervise is not a meaningful question.
      if (caseworker == null) {
        violations.add(
            new Violation(
                ProblemType.CASEWORKER_UNKNOWN,
                "caseworker " + request.caseWorkerRid() + " is unknown"));
      } else if (option != null && !maySupervise(caseworker, option)) {
        violations.add(
            new Violation(
                ProblemType.SUPERVISOR_NOT_ALLOWED,
                "caseworker " + caseworker.rid() + " may not supervise option " + option.id()));
      }
    }
    if (option != null) {
      if (option.interviewType() == JOBSAMTALE && hasFutureJobsamtale(request.cpr(), state, now)) {
        violations.add(
            new Violation(
                ProblemType.JOBSAMTALE_ALREADY_BOOKED,
                "the citizen already has a future Jobsamtale booking"));
      }
      for (Deadline deadline : data.deadlinesOf(request.cpr())) {
        if (deadline.interviewType() == option.interviewType()
            && day.isAfter(deadline.deadline())) {
          violations.add(
              new Violation(
                  ProblemType.LATER_THAN_DEADLINE,
                  "date "
                      + day
                      + " is after the open deadline "
                      + deadline.deadline()
                      + " for interview type "
                      + deadline.interviewType()));
          break;
        }
      }
      if (!data.slotsOf(option.id()).contains(start) || state.isTaken(option.id(), start)) {
        violations.add(
            new Violation(
                ProblemType.SLOT_UNAVAILABLE,
                "no free slot at " + start + " for option " + option.id()));
      }
      Jobcenter jobcenter = data.jobcenters().get(option.jobcenterCode());
      if (jobcenter == null || !jobcenter.bookingConfigured()) {
        violations.add(
            new Violation(
                ProblemType.BOOKING_NOT_CONFIGURED,
                "job centre " + option.jobcenterCode() + " has no booking configuration"));
      }
    }
    violations.sort(Comparator.comparing(v -> v.problem().ordinal()));
    return violations;
  }

  private static boolean maySupervise(Caseworker caseworker, InterviewOption option) {
    if (option.supervisorRids().isEmpty()) {
      return caseworker.jobcenterCode().equals(option.jobcenterCode());
    }
    return option.supervisorRids().contains(caseworker.rid());
  }

  private static boolean hasFutureJobsamtale(String cpr, BookingLedger.State state, Instant now) {
    for (ExistingBooking existing : state.dataset().bookingsOf(cpr)) {
      if (existing.interviewType() == JOBSAMTALE && existing.startTime().isAfter(now)) {
        return true;
      }
    }
    for (Booking booking : state.bookingsOf(cpr)) {
      if (booking.interviewType() == JOBSAMTALE && booking.startTime().isAfter(now)) {
        return true;
      }
    }
    return false;
  }
}
