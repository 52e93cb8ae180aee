package dk.jobagent.bookingsim.data;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An interview option (moedetilbud). Bookable on Copenhagen dates {@code validFrom..validTo}
 * inclusive. An empty {@code supervisorRids} means any caseworker of the job centre may supervise.
 */
public record InterviewOption(
    UUID id,
    String jobcenterCode,
    int interviewType,
    boolean active,
    LocalDate validFrom,
    LocalDate validTo,
    List<String> supervisorRids) {

  public boolean covers(LocalDate date) {
    return !date.isBefore(validFrom) && !date.isAfter(validTo);
  }
}
