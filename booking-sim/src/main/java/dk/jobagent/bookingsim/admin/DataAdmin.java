package dk.jobagent.bookingsim.admin;

import dk.jobagent.bookingsim.BookingSimProperties;
import dk.jobagent.bookingsim.booking.BookingLedger;
import dk.jobagent.bookingsim.data.DataFiles;
import dk.jobagent.bookingsim.data.DataLocations;
import dk.jobagent.bookingsim.data.DataSetInvalidException;
import dk.jobagent.bookingsim.data.Dataset;
import dk.jobagent.bookingsim.data.DatasetReader;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Loads data sets: the start-up one (a bad one stops the simulator from starting, loudly) and the
 * replacements an operator sends. A replacement is read and validated completely before it is
 * swapped in, so a refused one leaves the old data and bookings untouched.
 */
@Service
class DataAdmin {

  private static final Logger log = LoggerFactory.getLogger(DataAdmin.class);

  private final DatasetReader reader;
  private final BookingLedger ledger;
  private final DataLocations locations;

  DataAdmin(
      DatasetReader reader,
      BookingLedger ledger,
      DataLocations locations,
      BookingSimProperties properties) {
    this.reader = reader;
    this.ledger = ledger;
    this.locations = locations;
    load(locations.of(properties.dataDir()));
  }

  /** What is loaded now; the answer of GET and PUT /admin/data. */
  record Summary(
      String source,
      Instant loadedAt,
      int jobcenters,
      int caseworkers,
      int interviewOptions,
      int slots,
      int existingBookings,
      int deadlines,
      int bookingsMade,
      int slotsTaken) {}

  Summary load(DataFiles files) {
    Dataset next;
    try {
      next = reader.read(files);
    } catch (DataSetInvalidException e) {
      log.warn("{} (nothing replaced)", e.getMessage());
      throw e; // nothing replaced
    }
    ledger.replace(next);
    Summary summary = summary();
    log.info("loaded booking data from {}: {}", files.describe(), summary);
    return summary;
  }

  Summary loadDirectory(String dir) {
    return load(locations.of(dir));
  }

  Summary summary() {
    return ledger.locked(
        state -> {
          Dataset d = state.dataset();
          return new Summary(
              d.source(),
              d.loadedAt(),
              d.jobcenters().size(),
              d.caseworkers().size(),
              d.options().size(),
              d.slotCount(),
              d.bookingsByCpr().values().stream().mapToInt(List::size).sum(),
              d.deadlinesByCpr().values().stream().mapToInt(List::size).sum(),
              state.all().size(),
              state.takenCount());
        });
  }
}
