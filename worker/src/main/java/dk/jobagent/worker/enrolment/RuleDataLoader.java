package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.JobagentRequest;
import dk.jobagent.schemas.api.ProfessionType;
import java.util.Collection;
import java.util.Set;

/**
 * Reads what the rules need, for one request or a whole batch at once. An interface so that the
 * person register can later be a remote service; a failure to read it is {@link
 * PersonRegisterUnavailableException} (retried, and 8111 after the last attempt).
 */
public interface RuleDataLoader {

  /**
   * @param cprs the citizens
   * @param professions every requested profession of the batch (occupations, aliases, job targets)
   * @param targetOwners whether to read who holds the requested job target ids (rule 4589, which is
   *     judged for UpdateJobagent and DeleteJobagent only)
   */
  RuleDataSet load(
      Collection<String> cprs, Collection<ProfessionType> professions, boolean targetOwners);

  /**
   * @param request the body; for DeleteJobagent an empty one
   */
  default RuleData load(String cpr, JobagentRequest request) {
    return load(Set.of(cpr), request.professions(), true).of(cpr, request);
  }
}
