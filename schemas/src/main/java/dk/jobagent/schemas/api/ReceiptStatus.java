package dk.jobagent.schemas.api;

/** A receipt's status (SPEC §2). */
public enum ReceiptStatus {
  PENDING,
  COMPLETED,
  REJECTED,
  /** Technical failure after retries; never silent. */
  FAILED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
