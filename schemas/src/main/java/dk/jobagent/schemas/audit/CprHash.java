package dk.jobagent.schemas.audit;

import dk.jobagent.schemas.CprMask;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CPR as the audit trail stores it: a keyed hash (HMAC-SHA256 with the configured secret {@code
 * jobagent.audit.hmac-secret}), so that an operator who knows a CPR can find its records while the
 * table never holds one, plus the masked form for display. Both apps must use the same secret, or
 * look-ups miss the other app's records.
 *
 * <p>Thread-safe: each call works on a clone of a keyed prototype {@link Mac} (cheaper than looking
 * the algorithm up again, and safe on virtual threads, unlike a thread-local).
 */
public final class CprHash {

  /** The development secret; documented as to be replaced in any real deployment. */
  public static final String DEV_SECRET = "jobagent-dev-audit-secret-replace-me";

  private static final String ALGORITHM = "HmacSHA256";

  private final Mac prototype;

  public CprHash(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("jobagent.audit.hmac-secret must not be empty");
    }
    try {
      prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** HMAC-SHA256 of the CPR (32 bytes); null for a null CPR. */
  public byte[] hmac(String cpr) {
    if (cpr == null) {
      return null;
    }
    return mac().doFinal(cpr.getBytes(StandardCharsets.US_ASCII));
  }

  /** The HMAC as lower-case hex (for passing through SQL text arrays: decode(x, 'hex')). */
  public String hmacHex(String cpr) {
    byte[] h = hmac(cpr);
    if (h == null) {
      return null;
    }
    StringBuilder s = new StringBuilder(h.length * 2);
    for (byte b : h) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }

  /** The masked CPR ({@code 010190****}), as {@link CprMask#mask} gives it. */
  public static String masked(String cpr) {
    return CprMask.mask(cpr);
  }

  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
    }
  }
}
