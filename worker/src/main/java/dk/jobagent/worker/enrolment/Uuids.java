package dk.jobagent.worker.enrolment;

import java.util.Optional;
import java.util.UUID;

/** Identifiers of a request body, which syntax checks leave as strings. */
public final class Uuids {

  private Uuids() {}

  /** The identifier as a UUID; empty when absent or malformed (the rules then report it). */
  public static Optional<UUID> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
