package dk.jobagent.schemas;

import java.nio.charset.StandardCharsets;

/**
 * The receipt's address, {@code /v1/receipts/{x-requestId}} (SPEC §2), for any x-requestId of 1–46
 * characters. The id is one path segment, percent-encoded (RFC 3986 §2.1, UTF-8): every octet
 * except the unreserved characters is encoded, so that nothing in the id can act as path syntax
 * anywhere on the way — not {@code /} or {@code \} (segments), {@code ;} (Tomcat's path
 * parameters), {@code ?} or {@code #} (query, fragment), {@code %} (an escape). The ids {@code .}
 * and {@code ..} are dot segments that clients and servers remove (RFC 3986 §5.2.4), so their dots
 * are encoded too. ingest-api's GET /v1/receipts/{id} decodes the segment back to the exact id (its
 * ReceiptPathFirewall and EncodedReceiptIds let the encoded forms through). Shared, so that the
 * 202's Location, the 412's link and a bulk result line's link are the same address.
 */
public final class ReceiptLinks {

  public static final String PREFIX = "/v1/receipts/";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ReceiptLinks() {}

  public static String receipt(String requestId) {
    return PREFIX + encodeSegment(requestId);
  }

  public static String encodeSegment(String id) {
    boolean dotSegment = id.equals(".") || id.equals("..");
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(utf8.length * 3);
    for (byte b : utf8) {
      int c = b & 0xff;
      if (unreserved(c) && !(dotSegment && c == '.')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
