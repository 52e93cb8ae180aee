package dk.jobagent.worker.reference;

/** The whole file is refused (unknown kind, wrong or missing header); nothing was written. */
public final class ReferenceFileException extends RuntimeException {

  private final boolean unknownKind;

  private ReferenceFileException(String message, boolean unknownKind) {
    super(message);
    this.unknownKind = unknownKind;
  }

  static ReferenceFileException unknownKind(String kind, Iterable<String> kinds) {
    return new ReferenceFileException(
        "Unknown reference data kind '" + kind + "'; one of " + kinds, true);
  }

  static ReferenceFileException badHeader(String message) {
    return new ReferenceFileException(message, false);
  }

  public boolean unknownKind() {
    return unknownKind;
  }
}
