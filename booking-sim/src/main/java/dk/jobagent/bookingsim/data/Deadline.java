package dk.jobagent.bookingsim.data;

import java.time.LocalDate;

/**
 * An open InterviewDeadline: a meeting of {@code interviewType} must take place on or before the
 * Copenhagen date {@code deadline}.
 */
public record Deadline(String cpr, int interviewType, LocalDate deadline) {}
