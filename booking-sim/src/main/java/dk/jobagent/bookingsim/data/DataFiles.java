package dk.jobagent.bookingsim.data;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Optional;

/**
 * Where the CSV files of one data set come from: a directory, the classpath or an upload. Names are
 * the contract's file names ({@code jobcenters.csv}, …).
 */
public interface DataFiles {

  String JOBCENTERS = "jobcenters.csv";
  String CASEWORKERS = "caseworkers.csv";
  String INTERVIEW_OPTIONS = "interview_options.csv";
  String SLOTS = "slots.csv";
  String BOOKINGS = "bookings.csv";
  String DEADLINES = "deadlines.csv";

  /** Without these a data set is refused. */
  List<String> REQUIRED = List.of(JOBCENTERS, CASEWORKERS, INTERVIEW_OPTIONS, SLOTS);

  /** Missing means "none": a data set without existing bookings or deadlines is normal. */
  List<String> OPTIONAL = List.of(BOOKINGS, DEADLINES);

  /** A human-readable description of the source, for logs and the admin summary. */
  String describe();

  /** The named file, UTF-8, or empty when the source does not have it. */
  Optional<Reader> open(String fileName) throws IOException;
}
