package dk.jobagent.worker.booking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dk.jobagent.schemas.CprMask;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The booking system's JSON bodies (schemas/booking-api.yaml), as the worker reads and sends them.
 */
final class BookingApi {

  private BookingApi() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record InterviewOptionJson(
      UUID id,
      String jobcenterCode,
      int interviewType,
      boolean active,
      LocalDate validFrom,
      LocalDate validTo,
      List<String> supervisorRids) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaseworkerJson(String rid, String name, String jobcenterCode) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CitizenBookingJson(
      UUID indkaldelseId, UUID interviewOptionId, int interviewType, OffsetDateTime startTime) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DeadlineJson(int interviewType, LocalDate deadline) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CitizenBookingsJson(List<CitizenBookingJson> bookings, List<DeadlineJson> deadlines) {
    CitizenBookingsJson {
      bookings = bookings == null ? List.of() : List.copyOf(bookings);
      deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
    }
  }

  /** POST /v1/bookings. The same request always produces the same body (the key demands it). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreateBookingJson(
      String cpr,
      UUID interviewOptionId,
      String startTime,
      String caseWorkerRid,
      String contactType) {
    @Override
    public String toString() {
      return "CreateBooking[cpr=%s, option=%s, start=%s]"
          .formatted(CprMask.mask(cpr), interviewOptionId, startTime);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BookingJson(
      UUID indkaldelseId,
      String jobCenterReceipt,
      String phone,
      String fax,
      OffsetDateTime startTime,
      UUID interviewOptionId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ViolationJson(String type, String reason, Integer code, String detail) {}

  /** RFC 9457 problem with the booking system's members {@code reason}, {@code code}, … */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ProblemJson(
      String type,
      String title,
      Integer status,
      String detail,
      String reason,
      Integer code,
      List<ViolationJson> violations) {
    ProblemJson {
      violations = violations == null ? List.of() : List.copyOf(violations);
    }
  }
}
