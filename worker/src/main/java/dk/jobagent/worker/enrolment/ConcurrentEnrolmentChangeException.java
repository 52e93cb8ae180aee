package dk.jobagent.worker.enrolment;

/**
 * Another command changed the same citizen's enrolment between our read and our write (e.g. two
 * creates raced for the one open enrolment a citizen may have). Transient: the retry reads the
 * winner's enrolment and the rules judge again.
 */
public class ConcurrentEnrolmentChangeException extends RuntimeException {

  public ConcurrentEnrolmentChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
