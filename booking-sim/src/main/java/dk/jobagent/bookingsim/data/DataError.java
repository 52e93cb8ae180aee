package dk.jobagent.bookingsim.data;

/** One rejected row (or file, line 0/1) of a data set. */
public record DataError(String file, int line, String message) {}
