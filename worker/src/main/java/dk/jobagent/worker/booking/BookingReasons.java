package dk.jobagent.worker.booking;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.worker.booking.BookingApi.ProblemJson;
import dk.jobagent.worker.booking.BookingApi.ViolationJson;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the booking system's problem {@code reason} tokens (the stable part of the contract) to the
 * seed's codes. The problem's own {@code code} member is the fallback for a reason this worker does
 * not know yet, accepted only when it is one of the booking codes.
 */
final class BookingReasons {

  static final String TYPE_BASE = "https://jobagent.dk/problems/booking/";

  private static final Map<String, ErrorCode> BY_REASON =
      Map.of(
          "start-time-in-past", ErrorCode.BOOKING_TIME_BEFORE_TODAY,
          "interview-option-unknown", ErrorCode.INTERVIEW_OPTION_UNKNOWN,
          "interview-option-inactive", ErrorCode.INTERVIEW_OPTION_UNKNOWN,
          "outside-option-date-range", ErrorCode.BOOKING_OUTSIDE_OPTION_RANGE,
          "supervisor-not-allowed", ErrorCode.SUPERVISOR_NOT_ALLOWED,
          "caseworker-unknown", ErrorCode.CASEWORKER_NOT_FOUND,
          "jobsamtale-already-booked", ErrorCode.JOBSAMTALE_ALREADY_BOOKED,
          "later-than-deadline", ErrorCode.BOOKING_AFTER_DEADLINE,
          "slot-unavailable", ErrorCode.SLOT_NOT_AVAILABLE,
          "booking-not-configured", ErrorCode.BOOKING_SYSTEM_NOT_CONFIGURED);

  private static final Set<ErrorCode> BOOKING_CODES = Set.copyOf(BY_REASON.values());

  private BookingReasons() {}

  /** The reason token: the member, else the last segment of the type URI. */
  static String reason(ProblemJson problem) {
    if (problem.reason() != null && !problem.reason().isBlank()) {
      return problem.reason();
    }
    String type = problem.type();
    return type != null && type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : null;
  }

  static Optional<ErrorCode> code(String reason, Integer code) {
    ErrorCode byReason = reason == null ? null : BY_REASON.get(reason);
    if (byReason != null) {
      return Optional.of(byReason);
    }
    return code == null ? Optional.empty() : ErrorCode.of(code).filter(BOOKING_CODES::contains);
  }

  /**
   * Every broken booking rule of a refusal, primary first (the problem's own reason, then its
   * violations, which the contract lists in SPEC §4 order), without repeats; empty when the problem
   * is not a refusal by a booking rule.
   */
  static List<ErrorCode> refusalCodes(ProblemJson problem) {
    Set<ErrorCode> codes = new LinkedHashSet<>();
    code(reason(problem), problem.code()).ifPresent(codes::add);
    for (ViolationJson v : problem.violations()) {
      code(v.reason(), v.code()).ifPresent(codes::add);
    }
    return List.copyOf(codes);
  }
}
