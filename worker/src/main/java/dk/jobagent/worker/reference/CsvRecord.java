package dk.jobagent.worker.reference;

import java.util.List;

/** One CSV record and the (1-based) line it starts on; the header is line 1. */
record CsvRecord(long line, List<String> fields) {}
