package dk.jobagent.bookingsim.data;

/** One rejected row (or file, line 0/1) of a data set. */
public record DataError(String file, int line, String message) {

  /** "slots.csv line 12: …" (line 0 is the file as a whole). */
  public String describe() {
    return file + (line > 0 ? " line " + line : "") + ": " + message;
  }
}
