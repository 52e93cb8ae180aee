package dk.jobagent.bookingsim.data;

import dk.jobagent.schemas.CprMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found while reading a data set, so an operator can fix all at once. */
final class LoadErrors {

  /**
   * Beyond this many the rest are counted, not listed: a wrong file can have a million bad rows.
   */
  private static final int LISTED = 200;

  private final List<DataError> errors = new ArrayList<>();
  private int count;

  void add(String file, int line, String message) {
    count++;
    if (errors.size() < LISTED) {
      errors.add(new DataError(file, line, CprMask.maskAll(message)));
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  int count() {
    return count;
  }

  /** In file order (the order files are read), then by line. */
  List<DataError> listed() {
    List<String> order = new ArrayList<>(DataFiles.REQUIRED);
    order.addAll(DataFiles.OPTIONAL);
    return errors.stream()
        .sorted(
            Comparator.comparingInt((DataError e) -> order.indexOf(e.file()))
                .thenComparingInt(DataError::line))
        .toList();
  }
}
