package dk.jobagent.schemas.api;

import dk.jobagent.schemas.ErrorCode;

/** One entry of a receipt's {@code errors} or {@code warnings}: the seed's code and texts. */
public record ReceiptError(int code, String text, String description) {

  public static ReceiptError of(ErrorCode code) {
    return new ReceiptError(code.code(), code.text(), code.description());
  }
}
