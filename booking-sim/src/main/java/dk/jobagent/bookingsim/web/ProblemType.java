package dk.jobagent.bookingsim.web;

import java.net.URI;

/**
 * Every problem the simulator answers with. {@code reason} is the machine-readable token (also the
 * last segment of the problem {@code type} URI); {@code seedCode} is the seed's error code the
 * worker reports for it, null when the problem is technical or the caller's own fault. The order of
 * the rule problems is the precedence of SPEC §4 (primary error first).
 */
public enum ProblemType {
  // Business rules of a booking, in SPEC §4 order.
  START_TIME_IN_PAST("start-time-in-past", 4783, 422, "The start time is in the past"),
  INTERVIEW_OPTION_UNKNOWN(
      "interview-option-unknown", 8108, 422, "The interview option is unknown"),
  INTERVIEW_OPTION_INACTIVE(
      "interview-option-inactive", 8108, 422, "The interview option is not active"),
  OUTSIDE_OPTION_DATE_RANGE(
      "outside-option-date-range",
      8109,
      422,
      "The start time is outside the interview option's date range"),
  SUPERVISOR_NOT_ALLOWED(
      "supervisor-not-allowed",
      9003,
      422,
      "The caseworker is not allowed as supervisor for this interview option"),
  CASEWORKER_UNKNOWN("caseworker-unknown", 4822, 422, "The caseworker is unknown"),
  JOBSAMTALE_ALREADY_BOOKED(
      "jobsamtale-already-booked",
      8273,
      422,
      "The citizen already has a future Jobsamtale booking"),
  LATER_THAN_DEADLINE(
      "later-than-deadline",
      8288,
      422,
      "The start time is later than the citizen's open deadline of the same interview type"),
  SLOT_UNAVAILABLE("slot-unavailable", 4819, 409, "The slot is no longer available"),
  BOOKING_NOT_CONFIGURED(
      "booking-not-configured",
      9018,
      422,
      "The job centre has no external booking-system configuration"),

  // Technical and caller problems (no seed code of their own).
  INVALID_REQUEST("invalid-request", null, 400, "The request is malformed"),
  IDEMPOTENCY_KEY_MISSING(
      "idempotency-key-missing", null, 400, "The Idempotency-Key header is missing or too long"),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused",
      null,
      422,
      "The Idempotency-Key was already used for a different booking request"),
  IDEMPOTENCY_KEY_CANCELLED(
      "idempotency-key-cancelled",
      null,
      409,
      "The Idempotency-Key was cancelled; it cannot book again"),
  JOBCENTER_UNKNOWN("jobcenter-unknown", null, 404, "The job centre is unknown"),
  NOT_FOUND("not-found", null, 404, "No such resource"),
  DATA_INVALID("data-invalid", null, 422, "The data set was refused; the old data is kept"),
  INJECTED_FAILURE(
      "injected-failure", null, 503, "Injected failure: the booking system is unavailable"),
  INTERNAL_ERROR("internal-error", null, 500, "Internal error");

  public static final String TYPE_BASE = "https://jobagent.dk/problems/booking/";

  private final String reason;
  private final Integer seedCode;
  private final int status;
  private final String title;

  ProblemType(String reason, Integer seedCode, int status, String title) {
    this.reason = reason;
    this.seedCode = seedCode;
    this.status = status;
    this.title = title;
  }

  public String reason() {
    return reason;
  }

  public Integer seedCode() {
    return seedCode;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public URI type() {
    return URI.create(TYPE_BASE + reason);
  }
}
