package dk.jobagent.bookingsim.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed CSV file with a header row. Fields may be double-quoted (RFC 4180) so that names can
 * hold commas; a quoted field may not span lines, which keeps line numbers honest for errors.
 */
record CsvFile(String name, List<String> header, List<Row> rows) {

  /** One data row; {@code line} is the 1-based line number in the file (the header is line 1). */
  record Row(int line, Map<String, String> values) {
    String get(String column) {
      String value = values.get(column);
      return value == null ? "" : value.strip();
    }
  }

  static CsvFile read(String name, Reader source, List<String> requiredHeader, LoadErrors errors)
      throws IOException {
    BufferedReader reader = new BufferedReader(source);
    String headerLine = reader.readLine();
    if (headerLine == null) {
      errors.add(name, 1, "file is empty: expected header " + String.join(",", requiredHeader));
      return new CsvFile(name, List.of(), List.of());
    }
    if (headerLine.startsWith("\uFEFF")) {
      headerLine = headerLine.substring(1); // a byte-order mark from a spreadsheet export
    }
    List<String> header = split(headerLine).stream().map(String::strip).toList();
    if (header == null || !header.containsAll(requiredHeader)) {
      errors.add(
          name,
          1,
          "header must contain " + String.join(",", requiredHeader) + " but was " + headerLine);
      return new CsvFile(name, header, List.of());
    }
    List<Row> rows = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line);
      if (fields == null) {
        errors.add(name, lineNumber, "unbalanced double quote");
        continue;
      }
      if (fields.size() != header.size()) {
        errors.add(
            name, lineNumber, "expected " + header.size() + " fields but found " + fields.size());
        continue;
      }
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), fields.get(i));
      }
      rows.add(new Row(lineNumber, values));
    }
    return new CsvFile(name, header, rows);
  }

  /** Splits one line; returns null when a quote is left open. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    fields.add(field.toString());
    return fields;
  }
}
