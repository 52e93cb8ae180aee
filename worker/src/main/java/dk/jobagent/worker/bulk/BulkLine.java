package dk.jobagent.worker.bulk;

/**
 * One raw line of a bulk file, as read: its 1-based number and its bytes without the line break.
 *
 * @param tooLong the line was longer than the reader keeps; {@code bytes} is then empty
 */
record BulkLine(long lineNo, byte[] bytes, boolean tooLong) {}
