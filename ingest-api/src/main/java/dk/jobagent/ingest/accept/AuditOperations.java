package dk.jobagent.ingest.accept;

import dk.jobagent.schemas.messages.Operation;

/** The operation names audit records of accepted writes carry: the SPEC's names. */
final class AuditOperations {

  private AuditOperations() {}

  static String of(Operation op) {
    return switch (op) {
      case CREATE -> "CreateJobagent";
      case UPDATE -> "UpdateJobagent";
      case DELETE -> "DeleteJobagent";
    };
  }
}
