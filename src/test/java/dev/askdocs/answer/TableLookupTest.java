package dev.askdocs.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableLookupTest {
  private static final List<String> GAMES =
      List.of(
          "Year: 1996 | Competition: Olympic Games | Venue: Atlanta, United States | Position: 36th",
          "Year: 1998 | Competition: Asian Games | Venue: Bangkok, Thailand | Position: 8th",
          "Year: 1999 | Competition: World Championships | Venue: Seville, Spain | Position: 23rd",
          "Year: 2002 | Competition: Asian Games | Venue: Busan, South Korea | Position: 3rd");

  private static final List<String> MEDALS =
      List.of(
          "Rank: 1 | Nation: Norway | Gold: 4 | Bronze: 2 | Total: 9",
          "Rank: 2 | Nation: Spain | Gold: 2 | Bronze: 13 | Total: 15",
          "Rank: 3 | Nation: Chile | Gold: 1 | Bronze: 5 | Total: 6",
          "Nation: Total | Gold: 7 | Bronze: 20 | Total: 30");

  private static final List<String> MEDALS2 =
      List.of(
          "Rank: 1 | Nation: Norway | Gold: 4 | Bronze: 2",
          "Rank: 2 | Nation: Spain | Gold: 2 | Bronze: 13",
          "Rank: 3 | Nation: Chile | Gold: 2 | Bronze: 5",
          "Rank: 4 | Nation: Peru | Gold: 1 | Bronze: 2");

  private final Terms terms = new Terms();
  private final TableLookup lookup = new TableLookup(terms);

  @Test
  void takes_the_row_whose_values_hold_the_questions_words() {
    TableLookup.Choice c = choose("which venue hosted the world championships?", GAMES);
    assertThat(c.index()).isEqualTo(2);
    assertThat(c.confidence()).isGreaterThan(0.5);
  }

  @Test
  void takes_the_earliest_or_latest_of_the_matching_rows_for_first_and_last() {
    assertThat(choose("what was the first venue for the asian games?", GAMES).index()).isEqualTo(1);
    assertThat(choose("what was the last venue for the asian games?", GAMES).index()).isEqualTo(3);
  }

  @Test
  void takes_the_largest_number_in_the_named_column_but_never_a_total_row() {
    assertThat(choose("which nation has the most bronze medals?", MEDALS).index()).isEqualTo(1);
    assertThat(choose("which nation has the fewest bronze medals?", MEDALS).index()).isEqualTo(0);
  }

  @Test
  void takes_the_row_after_or_before_the_one_named() {
    assertThat(choose("which venue came after seville?", GAMES).index()).isEqualTo(3);
    assertThat(choose("which venue came before seville?", GAMES).index()).isEqualTo(1);
    // "after 1998" is a condition on a value, not the next row.
    assertThat(choose("what competition was held in bangkok after 1998?", GAMES).index())
        .isEqualTo(1);
  }

  @Test
  void takes_another_row_with_the_same_value_in_the_named_column() {
    TableLookup.Choice c =
        choose("which nation won the same number of gold medals as spain?", MEDALS2);
    // Chile (2 gold, as Spain), not Spain itself, whose name the question says.
    assertThat(c.index()).isEqualTo(2);
  }

  @Test
  void compares_the_rows_of_both_alternatives() {
    assertThat(choose("did norway or chile win more gold?", MEDALS).index()).isEqualTo(0);
    assertThat(choose("did norway or chile win less gold?", MEDALS).index()).isEqualTo(2);
  }

  @Test
  void is_less_sure_when_the_table_lacks_what_the_question_asks_about() {
    double about = choose("which venue hosted the world championships?", GAMES).confidence();
    double unrelated = choose("what is the boiling point of mercury?", GAMES).confidence();
    assertThat(unrelated).isLessThan(0.45).isLessThan(about);
  }

  @Test
  void knows_table_rows_and_table_chunks() {
    assertThat(TableLookup.isRow(GAMES.get(0))).isTrue();
    assertThat(TableLookup.isRow("Year | Competition | Venue")).isFalse();
    assertThat(TableLookup.isRow("The venue: Bangkok, in 1998.")).isFalse();
    assertThat(TableLookup.isTable(chunk("Sheet Revenue, rows 2-4"))).isTrue();
    assertThat(TableLookup.isTable(chunk("row 7"))).isTrue();
    assertThat(TableLookup.isTable(chunk("slide 4"))).isFalse();
    assertThat(TableLookup.isTable(chunk(null))).isFalse();
  }

  private TableLookup.Choice choose(String question, List<String> lines) {
    Question q = Question.from(question, terms, Map.of());
    List<TableLookup.Row> rows = new ArrayList<>();
    long at = 0;
    for (String line : lines) {
      // Sentence scores as a scorer would give them: all alike, so the lookup decides.
      rows.add(new TableLookup.Row(line, at, 0.2));
      at += line.length() + 1;
    }
    return lookup.choose(q, rows);
  }

  private static Chunk chunk(String location) {
    return new Chunk("d#0", "d", 0, "x", 0, 1, null, location);
  }
}
