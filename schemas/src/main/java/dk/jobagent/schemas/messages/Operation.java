package dk.jobagent.schemas.messages;

/** The three write operations of the Jobagent API. */
public enum Operation {
  /** CreateJobagent: POST /v1/Jobagent. */
  CREATE,
  /** UpdateJobagent: PUT /v1/UpdateJobagent (enrol or change job wishes, and book a meeting). */
  UPDATE,
  /** DeleteJobagent: DELETE /v1/UpdateJobagent (alias DELETE /v1/Jobagent). */
  DELETE;

  /** Routing key on the command exchange, e.g. {@code enrolment.create}. */
  public String routingKey() {
    return "enrolment." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
