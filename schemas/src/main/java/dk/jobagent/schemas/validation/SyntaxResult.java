package dk.jobagent.schemas.validation;

import dk.jobagent.schemas.ErrorCode;
import java.util.List;

/**
 * The outcome of a syntax check.
 *
 * @param code null when the input is fine, else {@link ErrorCode#INVALID_CPR} (1001) or {@link
 *     ErrorCode#MESSAGE_VALIDATION} (1014)
 * @param errors every field error found (empty when ok)
 */
public record SyntaxResult(ErrorCode code, List<FieldError> errors) {

  private static final SyntaxResult VALID = new SyntaxResult(null, List.of());

  public SyntaxResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public boolean ok() {
    return code == null;
  }

  public static SyntaxResult valid() {
    return VALID;
  }

  static SyntaxResult invalid(ErrorCode code, List<FieldError> errors) {
    return errors.isEmpty() ? VALID : new SyntaxResult(code, errors);
  }
}
