package dev.askdocs.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a look-up question says which of the matching table rows it wants: "first"/"last" (the
 * earliest/latest in the table), "most"/"least" (the largest/smallest number in the column the
 * question names; a {@code Total} row is never one of them), "next"/"previous" (the row after or
 * before the one named; "after 1915" is a condition, not a neighbour). Thread-safe.
 */
final class TableCues {
  private static final Pattern TOTAL = Pattern.compile("(?i)(?:^|\\| )[^|:]*: totals?(?: \\||$)");
  private static final Pattern SAME = Pattern.compile("(?i)\\bsame\\b.*\\bas\\b");
  private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

  private static final Set<String> FIRST = Set.of("first", "earliest", "top", "initial", "oldest");
  private static final Set<String> LAST = Set.of("last", "latest", "final", "bottom", "newest");
  private static final Set<String> MOST =
      Set.of(
          "most",
          "highest",
          "largest",
          "greatest",
          "biggest",
          "longest",
          "tallest",
          "heaviest",
          "maximum",
          "more",
          "higher",
          "larger",
          "greater");
  private static final Set<String> LEAST =
      Set.of(
          "least",
          "lowest",
          "smallest",
          "fewest",
          "shortest",
          "minimum",
          "less",
          "lower",
          "smaller",
          "fewer");
  private static final Set<String> NEXT = Set.of("next", "after", "following", "below", "behind");
  private static final Set<String> PREVIOUS =
      Set.of("previous", "before", "prior", "above", "preceding", "ahead");

  private final Terms terms;

  TableCues(Terms terms) {
    this.terms = terms;
  }

  /** Every cue word. */
  Set<String> words() {
    Set<String> all = new HashSet<>();
    for (Set<String> cues : List.of(FIRST, LAST, MOST, LEAST, NEXT, PREVIOUS)) {
      all.addAll(cues);
    }
    return all;
  }

  /** Among {@code top}, the row the sentence scorer likes best. */
  static int bestScored(List<TableLookup.Row> rows, List<Integer> top) {
    int best = top.get(0);
    for (int i : top) {
      if (rows.get(i).score() > rows.get(best).score()) {
        best = i;
      }
    }
    return best;
  }

  int pick(Question q, List<TableLookup.Row> rows, List<Integer> top, int byScore) {
    Set<String> words = q.lowerWords();
    if (SAME.matcher(q.text()).find()) {
      int same = sameAs(q, rows, byScore);
      if (same >= 0) {
        return same;
      }
    }
    if (adjacent(q, NEXT)) {
      return neighbour(rows, byScore, +1);
    }
    if (adjacent(q, PREVIOUS)) {
      return neighbour(rows, byScore, -1);
    }
    if (containsAny(words, MOST) || containsAny(words, LEAST)) {
      int extreme = extreme(q, rows, top, containsAny(words, MOST));
      if (extreme >= 0) {
        return extreme;
      }
    }
    if (containsAny(words, FIRST)) {
      return top.stream().min((a, b) -> Long.compare(pos(rows, a), pos(rows, b))).orElseThrow();
    }
    if (containsAny(words, LAST)) {
      return top.stream().max((a, b) -> Long.compare(pos(rows, a), pos(rows, b))).orElseThrow();
    }
    return byScore;
  }

  /** Whether the question says one of {@code cues} not followed by a number ("after 1915"). */
  private static boolean adjacent(Question q, Set<String> cues) {
    String[] w = q.text().toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    for (int i = 0; i < w.length; i++) {
      if (cues.contains(w[i]) && !(i + 1 < w.length && NUMBER.matcher(w[i + 1]).matches())) {
        return true;
      }
    }
    return false;
  }

  /** The row just after (+1) or before (-1) {@code row} in the table, or {@code row} itself. */
  private static int neighbour(List<TableLookup.Row> rows, int row, int direction) {
    long at = rows.get(row).position();
    int found = row;
    long bestGap = Long.MAX_VALUE;
    for (int i = 0; i < rows.size(); i++) {
      long gap = (rows.get(i).position() - at) * direction;
      if (gap > 0 && gap < bestGap) {
        bestGap = gap;
        found = i;
      }
    }
    return found;
  }

  /**
   * Among {@code among}, the row with the largest (or smallest) number in the column whose name
   * shares most words with the question; -1 when no column is named or holds numbers.
   */
  /**
   * "The same X as Y": another row with Y's value in the column named X (the column whose name
   * shares most words with the question); -1 when there is none.
   */
  private int sameAs(Question q, List<TableLookup.Row> rows, int anchor) {
    String anchorRow = rows.get(anchor).text();
    String column = null;
    double bestOverlap = 0;
    for (String cell : anchorRow.split(TableLookup.CELL_SEPARATOR)) {
      int colon = cell.indexOf(": ");
      // The column holding Y's own name ("as Spain") is not the one compared.
      if (colon <= 0
          || containsAny(terms.of(cell.substring(colon + 2)), q.termWeights().keySet())) {
        continue;
      }
      double overlap = 0;
      for (String t : terms.of(cell.substring(0, colon))) {
        overlap += q.termWeights().getOrDefault(t, 0.0);
      }
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        column = cell.substring(0, colon);
      }
    }
    if (column == null) {
      return -1;
    }
    String value = valueOf(anchorRow, column);
    for (int i = 0; i < rows.size(); i++) {
      if (i != anchor && !value.isEmpty() && valueOf(rows.get(i).text(), column).equals(value)) {
        return i;
      }
    }
    return -1;
  }

  private int extreme(
      Question q, List<TableLookup.Row> rows, List<Integer> among, boolean largest) {
    Map<String, Double> weights = q.termWeights();
    String column = null;
    double bestOverlap = 0;
    for (String cell : rows.get(among.get(0)).text().split(TableLookup.CELL_SEPARATOR)) {
      int colon = cell.indexOf(": ");
      if (colon <= 0) {
        continue;
      }
      double overlap = 0;
      for (String t : terms.of(cell.substring(0, colon))) {
        overlap += weights.getOrDefault(t, 0.0);
      }
      if (overlap > bestOverlap && number(cell.substring(colon + 2)).isPresent()) {
        bestOverlap = overlap;
        column = cell.substring(0, colon);
      }
    }
    if (column == null) {
      return -1;
    }
    int found = -1;
    double bestValue = 0;
    for (int i : among) {
      if (TOTAL.matcher(rows.get(i).text()).find()) {
        continue; // a "Total" row is the sum of the others, not one of them
      }
      OptionalDouble v = number(valueOf(rows.get(i).text(), column));
      if (v.isPresent()
          && (found < 0 || (largest ? v.getAsDouble() > bestValue : v.getAsDouble() < bestValue))) {
        found = i;
        bestValue = v.getAsDouble();
      }
    }
    return found;
  }

  private static String valueOf(String row, String column) {
    for (String cell : row.split(TableLookup.CELL_SEPARATOR)) {
      if (cell.startsWith(column + ": ")) {
        return cell.substring(column.length() + 2);
      }
    }
    return "";
  }

  private static OptionalDouble number(String value) {
    Matcher m = NUMBER.matcher(value);
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(m.group().replace(",", "")));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty(); // not a number after all ("1,2,3"): the cell has none
    }
  }

  private static long pos(List<TableLookup.Row> rows, int i) {
    return rows.get(i).position();
  }

  private static boolean containsAny(Set<String> haystack, Set<String> needles) {
    for (String n : needles) {
      if (haystack.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
