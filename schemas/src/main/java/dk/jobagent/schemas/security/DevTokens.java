package dk.jobagent.schemas.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Mints bearer tokens with the documented dev key (see {@code dev-keys/README.md}). Used by tests
 * and by {@code bin/jobagent token}; the services accept these tokens only while {@code
 * jobagent.security.dev-key.enabled=true}.
 */
public final class DevTokens {

  public static final String ISSUER = "jobagent-dev";
  public static final String CLAIM_CLIENT_ID = "client_id";
  public static final String CLAIM_ACCESS_CATEGORY = "access_category";
  public static final String SCOPE_WRITE = "match.jobagent.write";
  public static final String SCOPE_READ = "match.jobagent.read";
  public static final String SCOPE_ADMIN = "jobagent.admin";

  private DevTokens() {}

  /** A token valid for {@code ttl}, for the client, scopes (space-separated) and category. */
  public static String mint(String clientId, String scopes, String accessCategory, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(clientId)
            .claim(CLAIM_CLIENT_ID, clientId)
            .claim("scope", scopes)
            .claim(CLAIM_ACCESS_CATEGORY, accessCategory)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign a dev token", e);
    }
    return jwt.serialize();
  }

  public static String mint(String clientId, String scopes, String accessCategory) {
    return mint(clientId, scopes, accessCategory, Duration.ofHours(12));
  }

  public static RSAPublicKey publicKey() {
    try {
      byte[] der = pem("dev-keys/dev-jwt-public.pem");
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Bad dev public key", e);
    }
  }

  static RSAPrivateKey privateKey() {
    try {
      byte[] der = pem("dev-keys/dev-jwt-private.pem");
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Bad dev private key", e);
    }
  }

  private static byte[] pem(String resource) {
    try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing classpath resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return Base64.getDecoder().decode(base64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code java -cp schemas.jar dk.jobagent.schemas.security.DevTokens --client ID --scope "S1 S2"
   * --access CATEGORY [--ttl-minutes N] [--out FILE]}: prints a dev JWT.
   */
  public static void main(String[] args) throws IOException {
    String client = null;
    String scope = SCOPE_WRITE + " " + SCOPE_READ;
    String access = "STAR";
    long ttlMinutes = 720;
    String out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--client" -> client = args[++i];
        case "--scope" -> scope = args[++i];
        case "--access" -> access = args[++i];
        case "--ttl-minutes" -> ttlMinutes = Long.parseLong(args[++i]);
        case "--out" -> out = args[++i];
        case "-h", "--help" -> {
          System.out.println(
              "usage: token --client ID [--scope \"S1 S2\"] [--access CATEGORY] [--ttl-minutes N]");
          return;
        }
        default -> {
          System.err.println("token: unknown option " + a + " (see --help)");
          System.exit(2);
        }
      }
    }
    if (client == null || client.isBlank()) {
      System.err.println("token: --client ID is required (see --help)");
      System.exit(2);
    }
    String token = mint(client, scope, access, Duration.ofMinutes(ttlMinutes));
    if (out != null) {
      Files.writeString(Path.of(out), token);
    } else {
      System.out.println(token);
    }
  }
}
