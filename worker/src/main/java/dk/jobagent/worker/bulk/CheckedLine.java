package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.validation.SyntaxResult;

/**
 * A line after the syntax checks.
 *
 * @param requestId the line's requestId when it is a valid one (1–46 characters), else null: such a
 *     line has no request row and no receipt, only its result line
 * @param cpr the line's cpr when it passed the CPR check, else null
 * @param syntax null when the line passed every syntax check, else its 1001/1014 result
 * @param body the parsed request; null unless the syntax is fine
 * @param bodyJson the request member as JSON text; null unless the syntax is fine
 * @param bodyHash SHA-256 over operation, cpr and the line, like ingest-api's body hash
 */
record CheckedLine(
    long lineNo,
    String requestId,
    String cpr,
    SyntaxResult syntax,
    JobagentRequest body,
    String bodyJson,
    byte[] bodyHash) {

  boolean syntaxOk() {
    return syntax == null;
  }
}
