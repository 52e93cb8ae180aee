package dk.jobagent.bookingsim.data;

/** A job centre; {@code fax} may be null. */
public record Jobcenter(
    String code, String name, String phone, String fax, boolean bookingConfigured) {}
