package dk.jobagent.worker.booking;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.worker.booking.BookingApi.BookingJson;
import dk.jobagent.worker.booking.BookingApi.CaseworkerJson;
import dk.jobagent.worker.booking.BookingApi.CitizenBookingsJson;
import dk.jobagent.worker.booking.BookingApi.CreateBookingJson;
import dk.jobagent.worker.booking.BookingApi.InterviewOptionJson;
import dk.jobagent.worker.booking.BookingApi.ProblemJson;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP attempt per call against the booking system (schemas/booking-api.yaml), no retries: the
 * answer becomes a value, a {@link BookingRefusedException} (a booking rule said no), a {@link
 * BookingSystemException} (an answer the worker cannot use) or a {@link TransientBookingFailure}
 * (timeout, connection failure, 5xx). The CPR travels in a header or the body, never in a URL.
 */
class BookingHttp {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String CPR_HEADER = "x-civilRegistrationIdentifier";

  private final RestClient http;
  private final JsonMapper json;

  BookingHttp(RestClient http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  /** Empty when the booking system does not know the option (404). */
  Optional<InterviewOptionJson> interviewOption(UUID id) {
    return call(
        "GET interview option",
        http.get().uri("/v1/interview-options/{id}", id),
        (status, body) ->
            status == 404
                ? Optional.<InterviewOptionJson>empty()
                : Optional.of(read(status, body, InterviewOptionJson.class)));
  }

  /** Empty when the booking system does not know the caseworker (404). */
  Optional<CaseworkerJson> caseworker(String rid) {
    return call(
        "GET caseworker",
        http.get().uri("/v1/caseworkers/{rid}", rid),
        (status, body) ->
            status == 404
                ? Optional.<CaseworkerJson>empty()
                : Optional.of(read(status, body, CaseworkerJson.class)));
  }

  CitizenBookingsJson citizenBookings(String cpr) {
    return call(
        "GET citizen bookings",
        http.get().uri("/v1/citizen/bookings").header(CPR_HEADER, cpr),
        (status, body) -> read(status, body, CitizenBookingsJson.class));
  }

  /** Books, or answers the booking this key already made (200). */
  BookingJson create(String idempotencyKey, CreateBookingJson request) {
    return call(
        "POST booking",
        http.post()
            .uri("/v1/bookings")
            .header(IDEMPOTENCY_KEY, idempotencyKey)
            .contentType(MediaType.APPLICATION_JSON)
            .body(json.writeValueAsBytes(request)),
        (status, body) -> read(status, body, BookingJson.class));
  }

  /** Cancels whatever the key booked and closes the key (204, also when it booked nothing). */
  void cancelByKey(String idempotencyKey) {
    call(
        "DELETE booking by key",
        http.delete().uri("/v1/bookings").header(IDEMPOTENCY_KEY, idempotencyKey),
        (status, body) -> expectNoContent(status, body));
  }

  /** Cancels one booking, frees its slot and forgets its key (204, also when already gone). */
  void cancel(UUID indkaldelseId) {
    call(
        "DELETE booking",
        http.delete().uri("/v1/bookings/{id}", indkaldelseId),
        (status, body) -> expectNoContent(status, body));
  }

  @FunctionalInterface
  private interface Answer<T> {
    T read(int status, byte[] body);
  }

  private <T> T call(String what, RestClient.RequestHeadersSpec<?> spec, Answer<T> answer) {
    int[] status = {0};
    byte[] body;
    try {
      body =
          spec.exchange(
              (request, response) -> {
                status[0] = response.getStatusCode().value();
                return response.getBody().readAllBytes();
              },
              true);
    } catch (RestClientException e) {
      // connect/read timeouts, refused and reset connections (ResourceAccessException)
      throw new TransientBookingFailure(what + " failed: " + e.getMessage(), e);
    }
    int code = status[0];
    if (code >= 500 || code == 408 || code == 429) {
      throw new TransientBookingFailure(what + " answered " + code + problemSummary(body), null);
    }
    if (code >= 200 && code < 300 || code == 404) {
      return answer.read(code, body);
    }
    ProblemJson problem = problem(body);
    List<ErrorCode> refusal = problem == null ? List.of() : BookingReasons.refusalCodes(problem);
    if (!refusal.isEmpty() && (code == 409 || code == 422)) {
      throw new BookingRefusedException(refusal, problem.detail() == null ? "" : problem.detail());
    }
    throw new BookingSystemException(
        what + " answered " + code + problemSummary(body),
        problem == null ? null : BookingReasons.reason(problem),
        null);
  }

  private <T> T read(int status, byte[] body, Class<T> type) {
    if (status == 404) {
      throw new BookingSystemException("not found" + problemSummary(body));
    }
    try {
      T value = json.readValue(body, type);
      if (value == null) {
        throw new BookingSystemException("empty answer where " + type.getSimpleName() + " was due");
      }
      return value;
    } catch (JacksonException e) {
      throw new BookingSystemException("unreadable " + type.getSimpleName(), e);
    }
  }

  private Void expectNoContent(int status, byte[] body) {
    if (status == 404) {
      throw new BookingSystemException("not found" + problemSummary(body));
    }
    return null;
  }

  private ProblemJson problem(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return json.readValue(body, ProblemJson.class);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** The problem's reason and detail for a log line or exception (the contract: no CPR in it). */
  private String problemSummary(byte[] body) {
    ProblemJson p = problem(body);
    if (p == null) {
      return "";
    }
    return CprMask.maskAll(
        " (" + BookingReasons.reason(p) + (p.detail() == null ? "" : ": " + p.detail()) + ")");
  }
}
