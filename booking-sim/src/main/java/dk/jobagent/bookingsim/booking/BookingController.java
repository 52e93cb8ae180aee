package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Create, read and cancel bookings (schemas/booking-api.yaml). */
@RestController
@RequestMapping("/v1/bookings")
class BookingController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;

  private final BookingService bookings;

  BookingController(BookingService bookings) {
    this.bookings = bookings;
  }

  @PostMapping
  ResponseEntity<BookingResponse> create(
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) CreateBookingRequest body) {
    String validKey = validKey(key);
    BookingService.Created created = bookings.create(validKey, ValidBookingRequest.of(body));
    BookingResponse response = BookingResponse.of(created.booking());
    URI location = URI.create("/v1/bookings/" + response.indkaldelseId());
    if (created.replay()) {
      return ResponseEntity.ok().location(location).body(response);
    }
    return ResponseEntity.created(location).body(response);
  }

  @GetMapping("/{indkaldelseId}")
  BookingResponse get(@PathVariable String indkaldelseId) {
    Booking booking = bookings.find(parse(indkaldelseId));
    if (booking == null) {
      throw new ProblemException(ProblemType.NOT_FOUND, "no booking " + indkaldelseId);
    }
    return BookingResponse.of(booking);
  }

  /** Idempotent: 204 whether the booking was cancelled now, earlier, or never existed. */
  @DeleteMapping("/{indkaldelseId}")
  ResponseEntity<Void> cancel(@PathVariable String indkaldelseId) {
    UUID id;
    try {
      id = UUID.fromString(indkaldelseId);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.noContent().build(); // cannot exist, so it is not booked
    }
    bookings.cancel(id);
    return ResponseEntity.noContent().build();
  }

  /** Cancels whatever the key booked and closes the key; idempotent, always 204. */
  @DeleteMapping
  ResponseEntity<Void> cancelByKey(
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
    bookings.cancelByKey(validKey(key));
    return ResponseEntity.noContent().build();
  }

  private static String validKey(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_MISSING,
          "header " + IDEMPOTENCY_KEY + " is required (1-" + MAX_KEY_LENGTH + " characters)");
    }
    return key;
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ProblemType.NOT_FOUND, "no booking " + id);
    }
  }
}
