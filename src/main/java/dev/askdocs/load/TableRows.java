package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table as one line per row with the column names repeated in every line: {@code "Team:
 * Flyers | Location: PHI | Stanley Cups: 2"}. Each row then carries its header into whichever chunk
 * it lands in, and the embedding of a row sees the names of its values, so a question naming a
 * column and a row key finds the row. Rows above the header (a title row) and tables of one column
 * are written as plain lines. Empty cells are left out. Stateless.
 */
final class TableRows {
  private static final String CELL_SEPARATOR = " | ";

  private TableRows() {}

  /** One written row: its 1-based number in the table (the first row is 1) and its line. */
  record Line(int row, String text) {}

  /** The table's rows as lines, each row's cells in order; cells are trimmed, may be empty. */
  static List<String> lines(List<List<String>> rows) {
    return numbered(rows).stream().map(Line::text).toList();
  }

  /** {@link #lines}, each with the number of the row it was written from. */
  static List<Line> numbered(List<List<String>> rows) {
    List<Line> out = new ArrayList<>();
    int header = headerRow(rows);
    if (header < 0) {
      for (int r = 0; r < rows.size(); r++) {
        addPlain(rows.get(r), r, out);
      }
      return out;
    }
    for (int r = 0; r < header; r++) {
      addPlain(rows.get(r), r, out);
    }
    List<String> names = rows.get(header);
    addPlain(names, header, out);
    for (int r = header + 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String value = clean(row.get(c));
        if (value.isEmpty()) {
          continue;
        }
        if (line.length() > 0) {
          line.append(CELL_SEPARATOR);
        }
        String name = c < names.size() ? clean(names.get(c)) : "";
        line.append(name.isEmpty() ? value : name + ": " + value);
      }
      if (line.length() > 0) {
        out.add(new Line(r + 1, line.toString()));
      }
    }
    return out;
  }

  /**
   * The first row with at least two non-empty cells, filling at least half the table's width: a
   * title row above the header ("Stanley Cups,,") is not taken for it. -1 when the table has no
   * such row or no row below it.
   */
  private static int headerRow(List<List<String>> rows) {
    int width = rows.stream().mapToInt(List::size).max().orElse(0);
    if (width < 2) {
      return -1;
    }
    for (int r = 0; r < rows.size() - 1; r++) {
      long filled = rows.get(r).stream().filter(c -> !clean(c).isEmpty()).count();
      if (filled >= 2 && filled * 2 >= width) {
        return r;
      }
    }
    return -1;
  }

  private static void addPlain(List<String> row, int r, List<Line> out) {
    List<String> cells = row.stream().map(TableRows::clean).filter(c -> !c.isEmpty()).toList();
    if (!cells.isEmpty()) {
      out.add(new Line(r + 1, String.join(CELL_SEPARATOR, cells)));
    }
  }

  /** One line per cell: line breaks inside a cell and runs of spaces become one space. */
  private static String clean(String cell) {
    return cell == null ? "" : cell.replaceAll("\\s+", " ").strip();
  }
}
