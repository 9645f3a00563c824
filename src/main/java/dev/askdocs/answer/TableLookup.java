package dev.askdocs.answer;

import dev.askdocs.chunk.Chunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the table row that answers a look-up question among the rows the retrieval found. Tables
 * are written one row per line with the column names repeated ({@code "Year: 1998 | Venue:
 * Bangkok"}), so every row matches a question's column words equally; what tells rows apart is the
 * question's words among the values. The rows holding the most of them (weighted by rarity) are the
 * candidates; a question saying "first"/"last" takes the earliest/latest of them in the table,
 * "most"/"least" the largest/smallest number in the column its words name, and "next"/"previous"
 * the row after/before. Stateless apart from its terms; thread-safe.
 */
final class TableLookup {
  private static final String CELL_SEPARATOR = " \\| ";
  private static final Pattern ROWS = Pattern.compile("\\brows? \\d+");
  private static final Pattern TOTAL = Pattern.compile("(?i)(?:^|\\| )[^|:]*: totals?(?: \\||$)");
  private static final Pattern ALTERNATIVES = Pattern.compile("(?i)\\w \\bor\\b \\w");
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

  /** Words that name the table itself ("the first title on this chart"), not a row. */
  private static final Set<String> TABLE_WORDS =
      Set.of("table", "chart", "list", "listed", "name", "named", "row", "column");

  private final Terms terms;
  private final Set<String> cueTerms = new HashSet<>();

  TableLookup(Terms terms) {
    this.terms = terms;
    for (Set<String> cues : List.of(FIRST, LAST, MOST, LEAST, NEXT, PREVIOUS, TABLE_WORDS)) {
      cues.forEach(c -> cueTerms.addAll(terms.of(c)));
    }
  }

  /**
   * One table row among the candidates.
   *
   * @param text the row's line
   * @param position where it is in its document (rows of one table are in document order)
   * @param score the sentence scorer's score
   */
  record Row(String text, long position, double score) {}

  /** The chosen row (an index into the rows given) and how sure the choice is, 0 to 1. */
  record Choice(int index, double confidence) {}

  /** Whether {@code chunk} is part of a table: its location names rows ("rows 3-9"). */
  static boolean isTable(Chunk chunk) {
    return chunk.location() != null && ROWS.matcher(chunk.location()).find();
  }

  /** Whether {@code line} is a table row: at least two {@code "Name: value"} cells. */
  static boolean isRow(String line) {
    int named = 0;
    for (String cell : line.split(CELL_SEPARATOR)) {
      int colon = cell.indexOf(": ");
      if (colon > 0) {
        named++;
      }
    }
    return named >= 2;
  }

  /** The row that answers {@code q} among {@code rows} (all of one table), or null. */
  Choice choose(Question q, List<Row> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    List<Set<String>> values = new ArrayList<>();
    Set<String> headerTerms = new HashSet<>();
    for (Row r : rows) {
      Set<String> v = new HashSet<>();
      for (String cell : r.text().split(CELL_SEPARATOR)) {
        int colon = cell.indexOf(": ");
        if (colon > 0) {
          headerTerms.addAll(terms.of(cell.substring(0, colon)));
          v.addAll(terms.of(cell.substring(colon + 2)));
        } else {
          v.addAll(terms.of(cell));
        }
      }
      values.add(v);
    }
    // Column names and the words that say how to pick ("first", "most") tell no row apart.
    Set<String> ignored = new HashSet<>(headerTerms);
    ignored.addAll(cueTerms);
    double total = 0;
    for (var e : q.termWeights().entrySet()) {
      if (!ignored.contains(e.getKey())) {
        total += e.getValue();
      }
    }
    double[] match = new double[rows.size()];
    double best = 0;
    for (int i = 0; i < rows.size(); i++) {
      double found = 0;
      for (var e : q.termWeights().entrySet()) {
        if (values.get(i).contains(e.getKey()) && !ignored.contains(e.getKey())) {
          found += e.getValue();
        }
      }
      match[i] = total == 0 ? 0 : found / total;
      best = Math.max(best, match[i]);
    }
    // "X or Y": the rows of either alternative are compared.
    double floor = ALTERNATIVES.matcher(q.text()).find() ? best / 2 : best - 1e-9;
    List<Integer> top = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (match[i] >= floor) {
        top.add(i);
      }
    }
    int anchor = bestScored(rows, top);
    int chosen = pick(q, rows, top, anchor);
    Set<String> held = new HashSet<>(headerTerms);
    held.addAll(values.get(chosen));
    held.addAll(values.get(anchor));
    return new Choice(chosen, Math.max(rows.get(chosen).score(), coverage(q, held)));
  }

  /**
   * The weighted share of the question's terms (other than "first", "most"...) that the row holds,
   * in the table's column names or the values of the rows the choice rests on: how much of what the
   * question asks about the table holds.
   */
  private double coverage(Question q, Set<String> held) {
    double total = 0;
    double found = 0;
    for (var e : q.termWeights().entrySet()) {
      if (!cueTerms.contains(e.getKey())) {
        total += e.getValue();
        found += held.contains(e.getKey()) ? e.getValue() : 0;
      }
    }
    return total == 0 ? 0 : found / total;
  }

  /** Among {@code top}, the row the sentence scorer likes best. */
  private static int bestScored(List<Row> rows, List<Integer> top) {
    int best = top.get(0);
    for (int i : top) {
      if (rows.get(i).score() > rows.get(best).score()) {
        best = i;
      }
    }
    return best;
  }

  private int pick(Question q, List<Row> rows, List<Integer> top, int byScore) {
    Set<String> words = q.lowerWords();
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
  private static int neighbour(List<Row> rows, int row, int direction) {
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
  private int extreme(Question q, List<Row> rows, List<Integer> among, boolean largest) {
    Map<String, Double> weights = q.termWeights();
    String column = null;
    double bestOverlap = 0;
    for (String cell : rows.get(among.get(0)).text().split(CELL_SEPARATOR)) {
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
    for (String cell : row.split(CELL_SEPARATOR)) {
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

  private static long pos(List<Row> rows, int i) {
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
