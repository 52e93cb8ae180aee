package dk.jobagent.worker.rules;

import java.time.Instant;
import java.util.List;

/**
 * Booking-system facts fetched by the booking adapter for an UpdateJobagent; {@code option} null
 * means the option is unknown to the booking system.
 */
public record BookingFacts(
    InterviewOption option,
    boolean caseworkerFound,
    String caseworkerJobcenter,
    List<Instant> existingJobsamtaleStarts,
    List<Instant> openDeadlinesOfSameType) {}
