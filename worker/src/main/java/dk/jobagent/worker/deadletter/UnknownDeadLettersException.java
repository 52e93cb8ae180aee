package dk.jobagent.worker.deadletter;

import java.util.List;

/** A re-drive named ids that do not exist; nothing was re-driven. */
class UnknownDeadLettersException extends RuntimeException {

  private final List<String> ids;

  UnknownDeadLettersException(List<String> ids) {
    super("no dead letter with id " + String.join(", ", ids));
    this.ids = List.copyOf(ids);
  }

  List<String> ids() {
    return ids;
  }
}
