package dk.jobagent.worker.reference;

import java.util.List;

/**
 * One reference-data file format of SPEC §5: its header (contract), how a row is checked and
 * normalised, and the upsert that writes a chunk of rows.
 */
interface RowFormat {

  /** The path segment and report name: persons, absences, occupations, aliases. */
  String kind();

  /** The header row, exactly (contract). */
  List<String> header();

  /** How many leading columns form the table's key (rows later in a file win). */
  int keyColumns();

  /**
   * The row's values normalised to their SQL text form in header order (null for an empty optional
   * value).
   */
  String[] parse(List<String> fields) throws RowRejectedException;

  /**
   * An upsert taking one {@code text[]} parameter per column (parallel arrays) that changes only
   * rows whose values differ, so its update count is the number of rows inserted or changed.
   */
  String upsertSql();
}
