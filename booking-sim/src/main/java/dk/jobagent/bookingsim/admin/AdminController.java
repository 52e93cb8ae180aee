package dk.jobagent.bookingsim.admin;

import dk.jobagent.bookingsim.booking.Booking;
import dk.jobagent.bookingsim.booking.BookingLedger;
import dk.jobagent.bookingsim.data.DataFiles;
import dk.jobagent.bookingsim.data.DataSetInvalidException;
import dk.jobagent.bookingsim.data.UploadedDataFiles;
import dk.jobagent.bookingsim.fault.FaultInjector;
import dk.jobagent.bookingsim.fault.FaultSettings;
import dk.jobagent.bookingsim.web.ProblemException;
import dk.jobagent.bookingsim.web.ProblemType;
import dk.jobagent.schemas.CopenhagenDates;
import dk.jobagent.schemas.CprMask;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Operator endpoints of the simulator. Unauthenticated: the simulator is a local test double and
 * must not be exposed beyond the machine or compose network it serves.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

  private final DataAdmin data;
  private final BookingLedger ledger;
  private final FaultInjector faults;

  AdminController(DataAdmin data, BookingLedger ledger, FaultInjector faults) {
    this.data = data;
    this.ledger = ledger;
    this.faults = faults;
  }

  @GetMapping("/data")
  DataAdmin.Summary dataSummary() {
    return data.summary();
  }

  /**
   * Replaces all data (and forgets all bookings made) with the CSV files of the upload. A part is
   * taken as the file its part name names, else as the file its file name names, e.g. {@code curl
   * -X PUT -F jobcenters.csv=@dir/jobcenters.csv …}.
   */
  @PutMapping(path = "/data", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  DataAdmin.Summary replaceFromUpload(MultipartHttpServletRequest request) throws IOException {
    Set<String> known = new HashSet<>(DataFiles.REQUIRED);
    known.addAll(DataFiles.OPTIONAL);
    Map<String, byte[]> files = new HashMap<>();
    for (List<MultipartFile> parts : request.getMultiFileMap().values()) {
      for (MultipartFile part : parts) {
        String name = known.contains(part.getName()) ? part.getName() : fileName(part);
        if (!known.contains(name)) {
          throw new ProblemException(
              ProblemType.INVALID_REQUEST,
              "unexpected part " + name + ": expected files named " + String.join(", ", known));
        }
        files.put(name, part.getBytes());
      }
    }
    return load(new UploadedDataFiles("upload " + new TreeSet<>(files.keySet()), files));
  }

  record DirectoryRequest(String dir) {}

  /** Replaces all data with the CSV files of a directory on the simulator's machine. */
  @PutMapping(path = "/data", consumes = MediaType.APPLICATION_JSON_VALUE)
  DataAdmin.Summary replaceFromDirectory(@RequestBody DirectoryRequest request) {
    if (request == null || request.dir() == null || request.dir().isBlank()) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "body must be {\"dir\": \"/path\"}");
    }
    return loadOrRefuse(() -> data.loadDirectory(request.dir()));
  }

  @GetMapping("/faults")
  FaultSettings faults() {
    return faults.settings();
  }

  record FaultRequest(
      Long latencyMs, Long latencyJitterMs, Double failureRate, Double resetRate, Long seed) {}

  /** Replaces the fault settings; members left out are 0 (off). */
  @PutMapping("/faults")
  FaultSettings setFaults(@RequestBody FaultRequest request) {
    FaultSettings settings =
        new FaultSettings(
            orZero(request.latencyMs()),
            orZero(request.latencyJitterMs()),
            request.failureRate() == null ? 0 : request.failureRate(),
            request.resetRate() == null ? 0 : request.resetRate(),
            request.seed());
    faults.apply(settings);
    return faults.settings();
  }

  record BookingView(
      UUID indkaldelseId,
      String idempotencyKey,
      String cpr,
      UUID interviewOptionId,
      int interviewType,
      String jobcenterCode,
      OffsetDateTime startTime,
      String caseWorkerRid,
      String contactType,
      Instant createdAt) {}

  /** The bookings made since the data was loaded, CPRs masked. */
  @GetMapping("/bookings")
  List<BookingView> bookings() {
    return ledger.locked(state -> state.all().stream().map(AdminController::view).toList());
  }

  private static BookingView view(Booking b) {
    return new BookingView(
        b.indkaldelseId(),
        CprMask.maskAll(b.idempotencyKey()),
        CprMask.mask(b.cpr()),
        b.interviewOptionId(),
        b.interviewType(),
        b.jobcenterCode(),
        b.startTime().atZone(CopenhagenDates.ZONE).toOffsetDateTime(),
        b.caseWorkerRid(),
        b.contactType(),
        b.createdAt());
  }

  private DataAdmin.Summary load(DataFiles files) {
    return loadOrRefuse(() -> data.load(files));
  }

  private static DataAdmin.Summary loadOrRefuse(Supplier<DataAdmin.Summary> load) {
    try {
      return load.get();
    } catch (DataSetInvalidException e) {
      throw new ProblemException(
          ProblemType.DATA_INVALID,
          ProblemType.DATA_INVALID.status(),
          e.getMessage(),
          Map.of("errorCount", e.errorCount(), "errors", e.errors()));
    }
  }

  private static String fileName(MultipartFile part) {
    String original = part.getOriginalFilename();
    if (original == null || original.isBlank()) {
      return part.getName();
    }
    String base = original.replace('\\', '/');
    return base.substring(base.lastIndexOf('/') + 1);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
