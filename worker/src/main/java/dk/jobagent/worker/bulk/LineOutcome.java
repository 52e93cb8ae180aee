package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.api.ReceiptError;
import dk.jobagent.schemas.validation.FieldError;
import java.time.LocalDate;
import java.util.List;

/**
 * What became of one line. Mutable only while its chunk is written: a line can still lose a race
 * with the API (its requestId or the citizen's open enrolment taken in between) and change status.
 */
final class LineOutcome {

  final CheckedLine line;
  LineStatus status;
  List<ReceiptError> errors = List.of();
  List<ReceiptError> warnings = List.of();
  List<FieldError> fieldErrors = List.of();

  /** The enrolment date of an accepted line; null otherwise. */
  LocalDate enrolmentDate;

  /** Whether the line has its own request row (and so a receipt and a reply). */
  boolean ownsRequest;

  /**
   * The JSON of its request row's result, errors and warnings (null when absent), built once for
   * the row and the reply; cleared when the status changes.
   */
  String resultJson;

  String errorsJson;
  String warningsJson;

  LineOutcome(CheckedLine line, LineStatus status) {
    this.line = line;
    this.status = status;
  }

  boolean accepted() {
    return status == LineStatus.COMPLETED;
  }
}
