package dk.jobagent.ingest.web;

import dk.jobagent.schemas.CprMask;
import dk.jobagent.schemas.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem bodies with the product's extra members: {@code code} (the seed's numeric code,
 * a JSON number) and {@code errors} (field-level detail). Details never carry a CPR: every text
 * that could hold caller input goes through {@link CprMask#maskAll}.
 */
public final class Problems {

  /** Base of every problem {@code type}; the last path segment names the problem. */
  public static final String TYPE_BASE = "https://jobagent.dk/problems/";

  private Problems() {}

  public static URI type(String slug) {
    return URI.create(TYPE_BASE + slug);
  }

  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatus(status);
    p.setType(type(slug));
    p.setTitle(title);
    if (detail != null) {
      p.setDetail(mask(detail));
    }
    return p;
  }

  /** A problem for one of the seed's codes: title = Fejltekst, detail = Beskrivelse. */
  public static ProblemDetail of(HttpStatus status, String slug, ErrorCode code) {
    ProblemDetail p = of(status, slug, code.text(), code.description());
    p.setProperty("code", code.code());
    return p;
  }

  /** One field error as it appears in a problem's {@code errors} member. */
  public static Map<String, String> fieldError(String field, String message) {
    return Map.of("field", field, "message", mask(message));
  }

  /** Masks CPRs in a text, except the seed's "unknown" CPR 0000000000 (it names nobody). */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    return CprMask.maskAll(text.replace(UNKNOWN_CPR, UNKNOWN_PLACEHOLDER))
        .replace(UNKNOWN_PLACEHOLDER, UNKNOWN_CPR);
  }

  private static final String UNKNOWN_CPR = "0000000000";
  private static final String UNKNOWN_PLACEHOLDER = "\u0000UNKNOWN-CPR\u0000";

  public static ProblemDetail withErrors(ProblemDetail p, List<Map<String, String>> errors) {
    p.setProperty("errors", errors);
    return p;
  }
}
