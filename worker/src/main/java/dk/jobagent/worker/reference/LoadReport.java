package dk.jobagent.worker.reference;

import java.util.List;

/**
 * What a reference-data load did. {@code read} counts data rows (the header and blank lines not
 * included), {@code upserted} the rows written (inserted, updated or already equal), {@code
 * changed} the rows actually inserted or altered (0 when the same file is loaded again), {@code
 * rejected} the rows refused; {@code rejections} lists the first ones with their line numbers.
 */
public record LoadReport(
    String kind,
    long read,
    long upserted,
    long rejected,
    long changed,
    List<Rejection> rejections) {

  /** A refused row: its line in the file (the header is line 1) and why. */
  public record Rejection(long line, String reason) {}
}
