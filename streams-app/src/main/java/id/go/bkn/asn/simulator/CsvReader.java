package id.go.bkn.asn.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, line
 * breaks and doubled quotes. Enough for the reference CSVs, whose unit names contain commas ("Dinas
 * Koperasi, UKM, ..."), without a dependency for it.
 */
final class CsvReader {

  private CsvReader() {}

  /** Every row of the text, blank lines skipped; a row is its list of fields. */
  static List<List<String>> parse(final String text) {
    final List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    final StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int i = 0;
    while (i < text.length()) {
      final char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV ends inside a quoted field");
    }
    if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
