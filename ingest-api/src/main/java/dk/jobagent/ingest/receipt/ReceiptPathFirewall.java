package dk.jobagent.ingest.receipt;

import dk.jobagent.schemas.ReceiptLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} for every request, except that a GET of one receipt
 * may carry the escapes its id needs ({@link ReceiptLinks}): an encoded {@code /}, {@code \},
 * {@code %}, {@code ;}, {@code .}, CR, LF, U+2028/U+2029 in the last path segment.
 *
 * <p>Why this is safe here: the strict firewall refuses these escapes because a container and a
 * security rule may disagree about the path they denote (e.g. {@code %2F} decoded into a separator
 * after the rule looked, or {@code ..%2F} climbing out of a secured prefix). In this application
 * both the security rules ({@code PathPatternRequestMatcher}) and the controllers ({@code
 * PathPattern}) split the undecoded request URI on literal {@code /} and decode each segment
 * afterwards, and Tomcat passes encoded slashes and backslashes through undecoded ({@link
 * EncodedReceiptIds}), so an escape stays data inside its segment everywhere. The relaxation is
 * limited to the exact shape {@code /v1/receipts/<one segment>} (GET/HEAD), where that segment is
 * nothing but an id to look up among the caller's own receipts; every other check of the strict
 * firewall (literal {@code ;}, {@code \}, {@code //}, dot segments, NUL, non-ASCII, methods, header
 * values) still applies, and every other path gets the strict firewall unchanged.
 */
final class ReceiptPathFirewall implements HttpFirewall {

  // pchar (RFC 3986 §3.3) other than ';' and the escapes
  private static final String SEGMENT_CHARS = "._~!$&'()*+,=:@-";

  private final StrictHttpFirewall strict = new StrictHttpFirewall();
  private final StrictHttpFirewall receipts = new StrictHttpFirewall();

  ReceiptPathFirewall() {
    receipts.setAllowUrlEncodedSlash(true);
    receipts.setAllowUrlEncodedDoubleSlash(true);
    receipts.setAllowUrlEncodedPercent(true);
    receipts.setAllowUrlEncodedPeriod(true);
    // the strict lists name the literal and the encoded form together; oneSegment keeps the
    // literal ';' and '\' out of the raw path
    receipts.setAllowBackSlash(true);
    receipts.setAllowSemicolon(true);
    receipts.setAllowUrlEncodedCarriageReturn(true);
    receipts.setAllowUrlEncodedLineFeed(true);
    receipts.setAllowUrlEncodedLineSeparator(true);
    receipts.setAllowUrlEncodedParagraphSeparator(true);
  }

  @Override
  public FirewalledRequest getFirewalledRequest(HttpServletRequest request)
      throws RequestRejectedException {
    return (oneReceipt(request) ? receipts : strict).getFirewalledRequest(request);
  }

  @Override
  public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
    return strict.getFirewalledResponse(response);
  }

  static boolean oneReceipt(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (uri == null || (context != null && !context.isEmpty())) {
      return false;
    }
    return uri.startsWith(ReceiptLinks.PREFIX) && oneSegment(uri, ReceiptLinks.PREFIX.length());
  }

  /** Whether uri[from..] is one non-empty segment (a loop: paths can be long, regexes recurse). */
  private static boolean oneSegment(String uri, int from) {
    if (from >= uri.length()) {
      return false;
    }
    for (int i = from; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%') {
        if (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(letterOrDigit(c) || SEGMENT_CHARS.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean letterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }
}
