package dk.jobagent.worker.reference;

/** A CSV row that cannot be loaded; the reason is shown to the operator (never a full CPR). */
final class RowRejectedException extends Exception {

  RowRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
