package dk.jobagent.worker.booking;

import dk.jobagent.schemas.ErrorCode;
import java.util.List;

/**
 * The booking system refused the booking (409/422) for business reasons: every broken rule it
 * reported, mapped to the seed's codes, primary first (SPEC §4 order).
 */
public class BookingRefusedException extends RuntimeException {

  private final List<ErrorCode> codes;

  public BookingRefusedException(List<ErrorCode> codes, String detail) {
    super("booking refused " + codes.stream().map(ErrorCode::code).toList() + ": " + detail);
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("a refusal names at least one code");
    }
    this.codes = List.copyOf(codes);
  }

  public List<ErrorCode> codes() {
    return codes;
  }
}
