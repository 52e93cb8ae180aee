package dk.jobagent.bookingsim.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.jobagent.bookingsim.data.Dataset;
import dk.jobagent.bookingsim.data.DatasetReader;
import dk.jobagent.bookingsim.data.DirectoryDataFiles;
import dk.jobagent.bookingsim.web.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every outcome that demo-data/booking/README.md promises, against the shipped demo set, on a fixed
 * "today" (2026-12-01) so that the test does not age.
 */
class DemoScenariosTest {

  private static final Clock TODAY =
      Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

  private static Dataset demo;
  private BookingService service;
  private int keys;

  @BeforeAll
  static void readTheDemoSet() {
    demo = new DatasetReader(TODAY).read(new DirectoryDataFiles(Path.of("../demo-data/booking")));
  }

  @BeforeEach
  void freshLedger() {
    BookingLedger ledger = new BookingLedger();
    ledger.replace(demo);
    service = new BookingService(ledger, TODAY, new SimpleMeterRegistry());
  }

  @Test
  void theSuccessScenarioBooks() {
    BookingService.Created created =
        book(
            "0101909001",
            "10100007-0000-4000-8000-000000000001",
            "2027-01-04T09:00:00+01:00",
            null);

    assertThat(created.replay()).isFalse();
    assertThat(created.booking().phone()).isEqualTo("+45 70 10 01 01");
  }

  @ParameterizedTest(name = "{4}: {0} {1} {2} {3}")
  @CsvSource({
    "0101909001, 10100007-0000-4000-8000-000000000003, 2027-01-04T09:00:00+01:00, , interview-option-inactive",
    "0101909001, 10100007-0000-4000-8000-0000000000ff, 2027-01-04T09:00:00+01:00, , interview-option-unknown",
    "0101909001, 75100015-0000-4000-8000-000000000001, 2027-07-05T09:00:00+02:00, , outside-option-date-range",
    "0101909001, 10100007-0000-4000-8000-000000000002, 2027-01-04T09:00:00+01:00, 90003, supervisor-not-allowed",
    "0101909001, 10100007-0000-4000-8000-000000000001, 2027-01-04T09:00:00+01:00, 90004, supervisor-not-allowed",
    "0101909001, 10100007-0000-4000-8000-000000000001, 2027-01-04T09:00:00+01:00, 99999, caseworker-unknown",
    "0202859002, 75100007-0000-4000-8000-000000000001, 2027-01-04T09:00:00+01:00, , jobsamtale-already-booked",
    "0303889003, 10100007-0000-4000-8000-000000000001, 2027-02-01T09:00:00+01:00, , later-than-deadline",
    "0505959005, 75100015-0000-4000-8000-000000000001, 2027-03-01T09:00:00+01:00, , later-than-deadline",
    "0101909001, 10100007-0000-4000-8000-000000000001, 2027-01-04T09:10:00+01:00, , slot-unavailable",
    "0101909001, 46100007-0000-4000-8000-000000000001, 2027-01-04T09:00:00+01:00, , booking-not-configured"
  })
  void eachPromisedRefusal(String cpr, String option, String start, String rid, String reason) {
    ProblemException refused =
        catchThrowableOfType(ProblemException.class, () -> book(cpr, option, start, rid));

    assertThat(refused).isNotNull();
    assertThat(refused.problem().reason()).isEqualTo(reason);
  }

  @Test
  void theDeadlineAllowsABookingOnOrBeforeIt() {
    assertThat(
            book(
                    "0303889003",
                    "10100007-0000-4000-8000-000000000001",
                    "2027-01-29T14:00:00+01:00",
                    null)
                .replay())
        .isFalse();
  }

  @Test
  void aPastJobsamtaleDoesNotBlock() {
    assertThat(
            book(
                    "0404929004",
                    "10100007-0000-4000-8000-000000000001",
                    "2027-01-04T09:00:00+01:00",
                    null)
                .replay())
        .isFalse();
  }

  @Test
  void theSameSlotTwiceIs4819() {
    book("0101909001", "10100009-0000-4000-8000-000000000001", "2027-01-04T10:00:00+01:00", null);

    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                book(
                    "0404929004",
                    "10100009-0000-4000-8000-000000000001",
                    "2027-01-04T10:00:00+01:00",
                    null));

    assertThat(refused.problem().seedCode()).isEqualTo(4819);
  }

  private BookingService.Created book(String cpr, String option, String start, String rid) {
    return service.create(
        "demo-" + (++keys),
        ValidBookingRequest.of(
            new CreateBookingRequest(cpr, option, start, rid, "PERSONLIGT_FREMMOEDE")));
  }
}
