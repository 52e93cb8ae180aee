package dk.jobagent.bookingsim.data;

import dk.jobagent.schemas.CopenhagenDates;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads and validates a whole data set. Every bad row is reported with its file and line; a data
 * set with any error is refused as a whole ({@link DataSetInvalidException}) so that a half-read
 * directory never replaces good data.
 */
@Component
public class DatasetReader {

  private static final Pattern GUID =
      Pattern.compile(
          "^[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}$");
  private static final Pattern CPR = Pattern.compile("^\\d{10}$");

  private final Clock clock;

  public DatasetReader(Clock clock) {
    this.clock = clock;
  }

  public Dataset read(DataFiles files) {
    LoadErrors errors = new LoadErrors();
    Map<String, CsvFile> csv = new HashMap<>();
    for (String name : DataFiles.REQUIRED) {
      readFile(files, name, true, errors).ifPresent(file -> csv.put(name, file));
    }
    for (String name : DataFiles.OPTIONAL) {
      readFile(files, name, false, errors).ifPresent(file -> csv.put(name, file));
    }

    // Keys of every row, valid or not: a reference to a row that is itself broken is reported
    // once (at that row), not again at every row that points to it.
    Set<String> jobcenterKeys = keys(csv.get(DataFiles.JOBCENTERS), "jobcenter_code");
    Set<String> caseworkerKeys = keys(csv.get(DataFiles.CASEWORKERS), "rid");
    Set<String> optionKeys = new HashSet<>();
    keys(csv.get(DataFiles.INTERVIEW_OPTIONS), "interview_option_id")
        .forEach(k -> optionKeys.add(k.toLowerCase(Locale.ROOT)));

    Map<String, Jobcenter> jobcenters = jobcenters(csv.get(DataFiles.JOBCENTERS), errors);
    Map<String, Caseworker> caseworkers =
        caseworkers(csv.get(DataFiles.CASEWORKERS), jobcenterKeys, errors);
    Map<UUID, InterviewOption> options =
        options(csv.get(DataFiles.INTERVIEW_OPTIONS), jobcenterKeys, caseworkerKeys, errors);
    Map<UUID, NavigableSet<Instant>> slots = slots(csv.get(DataFiles.SLOTS), optionKeys, errors);
    Map<String, List<ExistingBooking>> bookings = bookings(csv.get(DataFiles.BOOKINGS), errors);
    Map<String, List<Deadline>> deadlines = deadlines(csv.get(DataFiles.DEADLINES), errors);

    if (!errors.isEmpty()) {
      throw new DataSetInvalidException(files.describe(), errors.count(), errors.listed());
    }
    return new Dataset(
        files.describe(),
        clock.instant(),
        Map.copyOf(jobcenters),
        Map.copyOf(caseworkers),
        Map.copyOf(options),
        Map.copyOf(slots),
        Map.copyOf(bookings),
        Map.copyOf(deadlines));
  }

  private static Optional<CsvFile> readFile(
      DataFiles files, String name, boolean required, LoadErrors errors) {
    try {
      Optional<Reader> reader = files.open(name);
      if (reader.isEmpty()) {
        if (required) {
          errors.add(name, 0, "file is missing");
        }
        return Optional.empty();
      }
      try (Reader r = reader.get()) {
        return Optional.of(CsvFile.read(name, r, header(name), errors));
      }
    } catch (IOException | RuntimeException e) {
      errors.add(name, 0, "cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  static List<String> header(String name) {
    return switch (name) {
      case DataFiles.JOBCENTERS ->
          List.of("jobcenter_code", "name", "phone", "fax", "booking_configured");
      case DataFiles.CASEWORKERS -> List.of("rid", "name", "jobcenter_code");
      case DataFiles.INTERVIEW_OPTIONS ->
          List.of(
              "interview_option_id",
              "jobcenter_code",
              "interview_type",
              "active",
              "valid_from",
              "valid_to",
              "supervisor_rids");
      case DataFiles.SLOTS -> List.of("interview_option_id", "start_time");
      case DataFiles.BOOKINGS -> List.of("cpr", "interview_type", "start_time");
      case DataFiles.DEADLINES -> List.of("cpr", "interview_type", "deadline");
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Map<String, Jobcenter> jobcenters(CsvFile file, LoadErrors errors) {
    Map<String, Jobcenter> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      String code = f.required("jobcenter_code");
      String name = f.required("name");
      String phone = f.required("phone");
      String fax = f.optional("fax");
      Boolean configured = f.bool("booking_configured");
      if (f.ok()) {
        if (result.containsKey(code)) {
          f.error("duplicate jobcenter_code " + code);
        } else {
          result.put(code, new Jobcenter(code, name, phone, fax, configured));
        }
      }
    }
    return result;
  }

  private static Map<String, Caseworker> caseworkers(
      CsvFile file, Set<String> jobcenters, LoadErrors errors) {
    Map<String, Caseworker> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      String rid = f.required("rid");
      String name = f.required("name");
      String jobcenter = f.knownJobcenter("jobcenter_code", jobcenters);
      if (rid != null && rid.length() > 255) {
        f.error("rid longer than 255 characters");
      }
      if (f.ok()) {
        if (result.containsKey(rid)) {
          f.error("duplicate rid " + rid);
        } else {
          result.put(rid, new Caseworker(rid, name, jobcenter));
        }
      }
    }
    return result;
  }

  private static Map<UUID, InterviewOption> options(
      CsvFile file, Set<String> jobcenters, Set<String> caseworkers, LoadErrors errors) {
    Map<UUID, InterviewOption> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      UUID id = f.guid("interview_option_id");
      String jobcenter = f.knownJobcenter("jobcenter_code", jobcenters);
      Integer type = f.interviewType("interview_type");
      Boolean active = f.bool("active");
      LocalDate from = f.date("valid_from");
      LocalDate to = f.date("valid_to");
      List<String> supervisors = new ArrayList<>();
      String rids = f.optional("supervisor_rids");
      if (rids != null) {
        for (String rid : Arrays.stream(rids.split("\\|")).map(String::strip).toList()) {
          if (rid.isEmpty()) {
            f.error("supervisor_rids has an empty entry");
          } else if (!caseworkers.contains(rid)) {
            f.error("supervisor_rids names unknown caseworker " + rid);
          } else {
            supervisors.add(rid);
          }
        }
      }
      if (from != null && to != null && to.isBefore(from)) {
        f.error("valid_to " + to + " is before valid_from " + from);
      }
      if (f.ok()) {
        if (result.containsKey(id)) {
          f.error("duplicate interview_option_id " + id);
        } else {
          result.put(
              id,
              new InterviewOption(id, jobcenter, type, active, from, to, List.copyOf(supervisors)));
        }
      }
    }
    return result;
  }

  private static Map<UUID, NavigableSet<Instant>> slots(
      CsvFile file, Set<String> options, LoadErrors errors) {
    Map<UUID, NavigableSet<Instant>> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      UUID id = f.guid("interview_option_id");
      Instant start = f.dateTime("start_time");
      if (id != null && !options.contains(id.toString())) {
        f.error("unknown interview_option_id " + id);
      }
      if (f.ok() && !result.computeIfAbsent(id, k -> new TreeSet<>()).add(start)) {
        f.error("duplicate slot " + id + " " + row.get("start_time"));
      }
    }
    Map<UUID, NavigableSet<Instant>> frozen = new HashMap<>();
    result.forEach((id, set) -> frozen.put(id, Collections.unmodifiableNavigableSet(set)));
    return frozen;
  }

  private static Map<String, List<ExistingBooking>> bookings(CsvFile file, LoadErrors errors) {
    Map<String, List<ExistingBooking>> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      String cpr = f.cpr("cpr");
      Integer type = f.interviewType("interview_type");
      Instant start = f.dateTime("start_time");
      if (f.ok()) {
        result
            .computeIfAbsent(cpr, k -> new ArrayList<>())
            .add(new ExistingBooking(cpr, type, start));
      }
    }
    result.replaceAll((cpr, list) -> List.copyOf(list));
    return result;
  }

  private static Map<String, List<Deadline>> deadlines(CsvFile file, LoadErrors errors) {
    Map<String, List<Deadline>> result = new HashMap<>();
    for (CsvFile.Row row : rows(file)) {
      Field f = new Field(file.name(), row, errors);
      String cpr = f.cpr("cpr");
      Integer type = f.interviewType("interview_type");
      LocalDate deadline = f.dateOrDateTime("deadline");
      if (f.ok()) {
        result.computeIfAbsent(cpr, k -> new ArrayList<>()).add(new Deadline(cpr, type, deadline));
      }
    }
    result.replaceAll((cpr, list) -> List.copyOf(list));
    return result;
  }

  private static Set<String> keys(CsvFile file, String column) {
    Set<String> keys = new HashSet<>();
    rows(file).forEach(row -> keys.add(row.get(column)));
    return keys;
  }

  private static List<CsvFile.Row> rows(CsvFile file) {
    return file == null ? List.of() : file.rows();
  }

  /** Reads the fields of one row, recording every problem against the row's line. */
  private static final class Field {
    private final String file;
    private final CsvFile.Row row;
    private final LoadErrors errors;
    private boolean ok = true;

    Field(String file, CsvFile.Row row, LoadErrors errors) {
      this.file = file;
      this.row = row;
      this.errors = errors;
    }

    boolean ok() {
      return ok;
    }

    void error(String message) {
      ok = false;
      errors.add(file, row.line(), message);
    }

    String required(String column) {
      String value = row.get(column);
      if (value.isEmpty()) {
        error(column + " is empty");
        return null;
      }
      return value;
    }

    String optional(String column) {
      String value = row.get(column);
      return value.isEmpty() ? null : value;
    }

    Boolean bool(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      if (value.equalsIgnoreCase("true")) {
        return true;
      }
      if (value.equalsIgnoreCase("false")) {
        return false;
      }
      error(column + " must be true or false but was " + value);
      return null;
    }

    UUID guid(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      if (!GUID.matcher(value).matches()) {
        error(column + " is not a GUID: " + value);
        return null;
      }
      return UUID.fromString(value);
    }

    Integer interviewType(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      try {
        int type = Integer.parseInt(value);
        if (type > 0) {
          return type;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      error(column + " must be a positive whole number but was " + value);
      return null;
    }

    LocalDate date(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        error(column + " must be a date like 2027-01-31 but was " + value);
        return null;
      }
    }

    Instant dateTime(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        error(
            column
                + " must be an ISO-8601 date-time with offset like 2027-01-04T09:00:00+01:00 but was "
                + value);
        return null;
      }
    }

    LocalDate dateOrDateTime(String column) {
      String value = required(column);
      if (value == null) {
        return null;
      }
      try {
        return value.length() == 10
            ? LocalDate.parse(value)
            : CopenhagenDates.dateOf(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException e) {
        error(column + " must be a date (2027-03-31) or a date-time with offset but was " + value);
        return null;
      }
    }

    String cpr(String column) {
      String value = required(column);
      if (value != null && !CPR.matcher(value).matches()) {
        error(column + " must be ten digits");
        return null;
      }
      return value;
    }

    String knownJobcenter(String column, Set<String> jobcenters) {
      String value = required(column);
      if (value != null && !jobcenters.contains(value)) {
        error("unknown " + column + " " + value);
        return null;
      }
      return value;
    }
  }
}
