package dev.askdocs.answer;

import dev.askdocs.chunk.Chunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  static final String CELL_SEPARATOR = " \\| ";
  private static final Pattern ROWS = Pattern.compile("\\brows? \\d+");
  private static final Pattern ALTERNATIVES = Pattern.compile("(?i)\\w \\bor\\b \\w");

  /** Words that name the table itself ("the first title on this chart"), not a row. */
  private static final Set<String> TABLE_WORDS =
      Set.of("table", "chart", "list", "listed", "name", "named", "row", "column");

  private final Terms terms;
  private final TableCues cues;
  private final Set<String> cueTerms = new HashSet<>();

  TableLookup(Terms terms) {
    this.terms = terms;
    this.cues = new TableCues(terms);
    for (String word : cues.words()) {
      cueTerms.addAll(terms.of(word));
    }
    TABLE_WORDS.forEach(w -> cueTerms.addAll(terms.of(w)));
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
    int anchor = TableCues.bestScored(rows, top);
    int chosen = cues.pick(q, rows, top, anchor);
    Set<String> held = new HashSet<>(headerTerms);
    held.addAll(values.get(chosen));
    held.addAll(values.get(anchor));
    // The choice rests on the anchor as much as on the row chosen from it ("after X", "same as X").
    double score = Math.max(rows.get(chosen).score(), rows.get(anchor).score());
    return new Choice(chosen, Math.max(score, coverage(q, held)));
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
}
