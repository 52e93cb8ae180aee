package dk.jobagent.worker.rules;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * An interview option (moedetilbud) of the booking system; empty {@code supervisorRids} means any
 * caseworker of the job centre.
 */
public record InterviewOption(
    UUID id,
    String jobcenterCode,
    int interviewType,
    boolean active,
    LocalDate validFrom,
    LocalDate validTo,
    Set<String> supervisorRids) {}
