package dk.jobagent.schemas.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The patterns as the seed writes them (unanchored), read from the seed's copy in test resources.
 */
final class SeedPatterns {

  static final String SEED_RESOURCE = "/seed-jobagent-api.txt";
  static final List<String> ALL = read();
  static final String CPR = find("0000000000");
  static final String EMAIL = find("@");
  static final String GUID = find("[\\da-fA-F]{8}-");

  private SeedPatterns() {}

  static String seed() {
    try (InputStream in = SeedPatterns.class.getResourceAsStream(SEED_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read() {
    return seed()
        .lines()
        .filter(l -> l.startsWith("Pattern: "))
        .map(l -> l.substring("Pattern: ".length()))
        .distinct()
        .toList();
  }

  private static String find(String marker) {
    List<String> matches = ALL.stream().filter(p -> p.contains(marker)).toList();
    if (matches.size() != 1) {
      throw new IllegalStateException(
          "expected one seed pattern containing " + marker + ": " + matches);
    }
    return matches.getFirst();
  }
}
