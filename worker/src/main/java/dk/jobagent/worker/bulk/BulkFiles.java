package dk.jobagent.worker.bulk;

import java.nio.file.Path;

/** Where a bulk file's result goes and where it is archived. */
final class BulkFiles {

  static final String RESULT_SUFFIX = ".result.jsonl";

  private BulkFiles() {}

  static String resultFileName(Path input) {
    return input.getFileName() + RESULT_SUFFIX;
  }

  static Path resultFile(BulkProperties properties, String clientId, Path input) {
    return properties.outbox().resolve(clientId).resolve(resultFileName(input));
  }

  static Path archiveDir(BulkProperties properties, String clientId) {
    return properties.archive().resolve(clientId);
  }

  /** A client id is a folder name: letters, digits, '.', '_' and '-' only, not "." or "..". */
  static boolean validClientId(String clientId) {
    return clientId != null
        && clientId.matches("[A-Za-z0-9._-]{1,100}")
        && !clientId.equals(".")
        && !clientId.equals("..");
  }
}
