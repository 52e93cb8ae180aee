package dk.jobagent.ingest.accept;

import dk.jobagent.schemas.messages.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over operation, CPR and the body bytes (separated by NUL so that fields cannot run into
 * each other). Compared when an x-requestId repeats: equal hash means a plain retry, a different
 * hash means the id was reused for another request.
 */
final class RequestHasher {

  private RequestHasher() {}

  static String hashHex(Operation operation, String cpr, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(operation.name().getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      sha.update(cpr.getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      if (body != null) {
        sha.update(body);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
