package dk.jobagent.worker.enrolment;

import dk.jobagent.schemas.api.JobagentRequest;

/**
 * Reads what the rules need for one request. An interface so that the person register can later be
 * a remote service; a failure to read it is {@link PersonRegisterUnavailableException} (retried,
 * and 8111 after the last attempt).
 */
public interface RuleDataLoader {

  /**
   * @param request the body; for DeleteJobagent an empty one
   */
  RuleData load(String cpr, JobagentRequest request);
}
