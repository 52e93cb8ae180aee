package dk.jobagent.ingest.web;

import dk.jobagent.schemas.ErrorCode;
import dk.jobagent.schemas.validation.FieldError;
import dk.jobagent.schemas.validation.SyntaxResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * A request header that must be given at most once and be readable.
 *
 * <p>Sent twice, a header is one comma-joined value (RFC 9110 §5.3); reading only the first copy
 * would let a proxy and this service disagree about which citizen or which request id a call names.
 * So a repeated x-civilRegistrationIdentifier is its joined value (never a valid CPR: 1001) and a
 * repeated x-requestId is refused (1014).
 *
 * <p>A value with a control character (Unicode Cc: U+0000–U+001F, U+007F–U+009F) is unreadable: it
 * is not a CPR or a request id (answered 1001/1014) and not a trace context. Which of them can
 * arrive at all: HTTP field values cannot carry CR, LF, NUL or the other C0 controls (RFC 9110
 * §5.5), so Tomcat refuses such a request before it is read (400 problem {@code request-refused},
 * no code: nothing of it was understood). HTAB may appear inside a value, and bytes 0x80–0x9F
 * (obs-text) reach the application as the C1 controls of ISO-8859-1; the security firewall refuses
 * the latter when read, and this class refuses both. So an x-requestId with a control character is
 * never accepted, and its answer is 1014 whenever the request is HTTP at all (an HTAB, the one
 * control a header may hold, is whitespace that intermediaries may fold or trim: no safe part of an
 * id).
 *
 * @param value the header's value; for a repeated header its values joined with ", "; for an
 *     unreadable one a replacement character
 * @param count how many times the header was given
 */
public record HeaderValue(String name, String value, int count, boolean readable) {

  private static final String UNREADABLE = "\uFFFD";

  public static HeaderValue of(HttpServletRequest request, String name) {
    List<String> values;
    try {
      values = Collections.list(request.getHeaders(name));
    } catch (RequestRejectedException e) {
      return new HeaderValue(name, UNREADABLE, 1, false);
    }
    for (String v : values) {
      if (v.chars().anyMatch(Character::isISOControl)) {
        return new HeaderValue(name, UNREADABLE, values.size(), false);
      }
    }
    return new HeaderValue(
        name, values.isEmpty() ? null : String.join(", ", values), values.size(), true);
  }

  /** 1014 when the header was repeated or could not be read. */
  public SyntaxResult check() {
    if (!readable) {
      return new SyntaxResult(
          ErrorCode.MESSAGE_VALIDATION,
          List.of(new FieldError(name, "contains characters that are not allowed")));
    }
    return count <= 1
        ? SyntaxResult.valid()
        : new SyntaxResult(
            ErrorCode.MESSAGE_VALIDATION, List.of(new FieldError(name, "must be given once")));
  }
}
