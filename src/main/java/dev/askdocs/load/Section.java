package dev.askdocs.load;

/**
 * Where a part of a document stands, from character {@code start} of its text until the next
 * section: a slide, a sheet's row, a heading path.
 *
 * @param start character offset in the document text where the section begins
 * @param location what a reader looks for: {@code "slide 4"}, {@code "Handbook › Leave"}, or for a
 *     table row the sheet it is on ({@code "Sheet Revenue"}, empty for a CSV file); never null
 * @param row for a table row, its 1-based number as a spreadsheet user sees it (the sheet's first
 *     row is 1); 0 for anything else
 * @param hard whether a slide, sheet or top-level section begins here: chunks do not cross it
 */
public record Section(int start, String location, int row, boolean hard) {
  public Section {
    if (start < 0 || row < 0 || location == null) {
      throw new IllegalArgumentException("bad section: " + start + ", " + location + ", " + row);
    }
  }

  /** A slide, sheet or heading: a section that is not a table row. */
  public static Section of(int start, String location, boolean hard) {
    return new Section(start, location, 0, hard);
  }

  /**
   * The location of a stretch from this section's start to {@code last}'s (a row or not, null when
   * none): a sheet's heading followed by its rows counts as the rows from 1.
   */
  String locationTo(Section last) {
    boolean rowsFollow = last != null && last.row > 0 && last.location.equals(location);
    if (row == 0 && !rowsFollow) {
      return location;
    }
    int first = row == 0 ? 1 : row;
    String rows =
        rowsFollow && last.row > first ? "rows " + first + "-" + last.row : "row " + first;
    return location.isEmpty() ? rows : location + ", " + rows;
  }
}
