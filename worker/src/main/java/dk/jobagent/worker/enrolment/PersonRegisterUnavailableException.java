package dk.jobagent.worker.enrolment;

/**
 * The person register could not be read. Transient: the command is retried with back-off, and after
 * the last attempt the receipt is FAILED with 8111.
 */
public class PersonRegisterUnavailableException extends RuntimeException {

  public PersonRegisterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public PersonRegisterUnavailableException(String message) {
    super(message);
  }
}
