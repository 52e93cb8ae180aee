package dk.jobagent.bookingsim.data;

import java.util.List;

/** A data set was refused as a whole; the simulator keeps the data it had. */
public class DataSetInvalidException extends RuntimeException {

  private final transient List<DataError> errors;
  private final int errorCount;

  DataSetInvalidException(String source, int errorCount, List<DataError> errors) {
    super(
        "data set "
            + source
            + " refused: "
            + errorCount
            + " error(s)"
            + (errors.isEmpty() ? "" : ", first: " + errors.getFirst().describe()));
    this.errors = errors;
    this.errorCount = errorCount;
  }

  public List<DataError> errors() {
    return errors;
  }

  public int errorCount() {
    return errorCount;
  }
}
