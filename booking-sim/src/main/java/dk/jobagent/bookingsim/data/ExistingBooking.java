package dk.jobagent.bookingsim.data;

import java.time.Instant;

/** A booking the citizen already had before the simulator started (bookings.csv). */
public record ExistingBooking(String cpr, int interviewType, Instant startTime) {}
