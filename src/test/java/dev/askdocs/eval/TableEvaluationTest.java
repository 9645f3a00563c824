package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableEvaluationTest {
  @Test
  void a_row_range_covers_the_data_row_below_the_header() {
    // The header is row 1, so data row 0 is row 2.
    assertThat(TableEvaluation.covers("rows 2-9", 0)).isTrue();
    assertThat(TableEvaluation.covers("rows 2-9", 7)).isTrue();
    assertThat(TableEvaluation.covers("rows 2-9", 8)).isFalse();
    assertThat(TableEvaluation.covers("row 5", 3)).isTrue();
    assertThat(TableEvaluation.covers("Sheet Revenue, rows 3-4", 1)).isTrue();
  }

  @Test
  void a_missing_or_rowless_location_covers_nothing() {
    assertThat(TableEvaluation.covers(null, 0)).isFalse();
    assertThat(TableEvaluation.covers("p. 3", 1)).isFalse();
  }
}
