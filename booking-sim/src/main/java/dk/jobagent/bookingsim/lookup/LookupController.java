package dk.jobagent.bookingsim.lookup;

import dk.jobagent.bookingsim.booking.BookingLedger;
import dk.jobagent.bookingsim.data.Caseworker;
import dk.jobagent.bookingsim.data.Dataset;
import dk.jobagent.bookingsim.data.InterviewOption;
import dk.jobagent.bookingsim.data.Jobcenter;
import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;
import dk.jobagent.schemas.CopenhagenDates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the booking system: what the worker looks up before it books. */
@RestController
class LookupController {

  static final String CPR_HEADER = "x-civilRegistrationIdentifier";
  private static final Pattern CPR = Pattern.compile("^\\d{10}$");
  private static final Pattern GUID =
      Pattern.compile(
          "^[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}$");
  private static final int MAX_SLOTS = 1000;

  private final BookingLedger ledger;
  private final Clock clock;

  LookupController(BookingLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  record InterviewOptionView(
      UUID id,
      String jobcenterCode,
      int interviewType,
      boolean active,
      LocalDate validFrom,
      LocalDate validTo,
      List<String> supervisorRids) {}

  record SlotsView(UUID interviewOptionId, List<OffsetDateTime> freeSlots) {}

  record CaseworkerView(String rid, String name, String jobcenterCode) {}

  record JobcenterView(
      String code, String name, String phone, String fax, boolean bookingConfigured) {}

  record CitizenBooking(
      UUID indkaldelseId, UUID interviewOptionId, int interviewType, OffsetDateTime startTime) {}

  record CitizenDeadline(int interviewType, LocalDate deadline) {}

  record CitizenBookingsView(List<CitizenBooking> bookings, List<CitizenDeadline> deadlines) {}

  @GetMapping("/v1/interview-options/{id}")
  InterviewOptionView interviewOption(@PathVariable String id) {
    InterviewOption o = option(id);
    return new InterviewOptionView(
        o.id(),
        o.jobcenterCode(),
        o.interviewType(),
        o.active(),
        o.validFrom(),
        o.validTo(),
        o.supervisorRids());
  }

  /** Free slots from {@code from} (default now), at most {@code limit}; handy for demos. */
  @GetMapping("/v1/interview-options/{id}/slots")
  SlotsView freeSlots(
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(defaultValue = "20") int limit) {
    InterviewOption o = option(id);
    Instant start = from == null ? clock.instant() : instant(from);
    int max = Math.clamp(limit, 1, MAX_SLOTS);
    List<OffsetDateTime> free =
        ledger.locked(
            state ->
                state.dataset().slotsOf(o.id()).tailSet(start, true).stream()
                    .filter(slot -> !state.isTaken(o.id(), slot))
                    .limit(max)
                    .map(slot -> slot.atZone(CopenhagenDates.ZONE).toOffsetDateTime())
                    .toList());
    return new SlotsView(o.id(), free);
  }

  @GetMapping("/v1/caseworkers/{rid}")
  CaseworkerView caseworker(@PathVariable String rid) {
    Caseworker c = ledger.dataset().caseworkers().get(rid);
    if (c == null) {
      throw new ProblemException(
          ProblemType.CASEWORKER_UNKNOWN, 404, "caseworker " + rid + " is unknown", Map.of());
    }
    return new CaseworkerView(c.rid(), c.name(), c.jobcenterCode());
  }

  @GetMapping("/v1/jobcenters/{code}")
  JobcenterView jobcenter(@PathVariable String code) {
    Jobcenter j = ledger.dataset().jobcenters().get(code);
    if (j == null) {
      throw new ProblemException(
          ProblemType.JOBCENTER_UNKNOWN, "job centre " + code + " is unknown");
    }
    return new JobcenterView(j.code(), j.name(), j.phone(), j.fax(), j.bookingConfigured());
  }

  /**
   * The citizen's bookings (from the data set and made through this API, past and future) and open
   * deadlines. The CPR travels in a header so that it never lands in an access log.
   */
  @GetMapping("/v1/citizen/bookings")
  CitizenBookingsView citizenBookings(
      @RequestHeader(name = CPR_HEADER, required = false) String cpr) {
    if (cpr == null || !CPR.matcher(cpr).matches()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "header " + CPR_HEADER + " is required: ten digits");
    }
    return ledger.locked(
        state -> {
          Dataset data = state.dataset();
          List<CitizenBooking> bookings =
              Stream.concat(
                      data.bookingsOf(cpr).stream()
                          .map(
                              b ->
                                  new CitizenBooking(
                                      null, null, b.interviewType(), local(b.startTime()))),
                      state.bookingsOf(cpr).stream()
                          .map(
                              b ->
                                  new CitizenBooking(
                                      b.indkaldelseId(),
                                      b.interviewOptionId(),
                                      b.interviewType(),
                                      local(b.startTime()))))
                  .sorted(Comparator.comparing(CitizenBooking::startTime))
                  .toList();
          List<CitizenDeadline> deadlines =
              data.deadlinesOf(cpr).stream()
                  .map(d -> new CitizenDeadline(d.interviewType(), d.deadline()))
                  .toList();
          return new CitizenBookingsView(bookings, deadlines);
        });
  }

  private InterviewOption option(String id) {
    InterviewOption o =
        GUID.matcher(id).matches() ? ledger.dataset().options().get(UUID.fromString(id)) : null;
    if (o == null) {
      throw new ProblemException(
          ProblemType.INTERVIEW_OPTION_UNKNOWN,
          404,
          "interview option " + id + " is unknown",
          Map.of());
    }
    return o;
  }

  private static OffsetDateTime local(Instant instant) {
    return instant.atZone(CopenhagenDates.ZONE).toOffsetDateTime();
  }

  private static Instant instant(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value).atStartOfDay(CopenhagenDates.ZONE).toInstant();
      } catch (DateTimeParseException again) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST, "from must be a date or a date-time with offset");
      }
    }
  }
}
