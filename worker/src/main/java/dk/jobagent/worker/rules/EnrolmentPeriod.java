package dk.jobagent.worker.rules;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** One of the person's enrolments (history included); {@code end} null means still open. */
public record EnrolmentPeriod(long id, LocalDate start, LocalDate end, Set<UUID> jobTargetIds) {

  public boolean open() {
    return end == null;
  }
}
