package dev.askdocs.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationTest {
  @Test
  void takes_the_indexed_location_first() {
    assertThat(Citation.locationOf(3, "Sheet Revenue, rows 2-4"))
        .isEqualTo("Sheet Revenue, rows 2-4");
  }

  @Test
  void says_the_page_for_a_passage_indexed_without_a_location() {
    // A chunk from an index built before locations were kept: only its page is known.
    assertThat(Citation.locationOf(7, null)).isEqualTo("p. 7");
    assertThat(new Citation(1, "d", "T", "a.pdf", "d#0", "q", 0, 1, 7, 0.5, true).location())
        .isEqualTo("p. 7");
  }

  @Test
  void has_no_location_without_structure_or_page() {
    assertThat(Citation.locationOf(null, null)).isNull();
    assertThat(new Citation(1, "d", "T", "a.txt", "d#0", "q", 0, 1, null, 0.5).location()).isNull();
  }
}
