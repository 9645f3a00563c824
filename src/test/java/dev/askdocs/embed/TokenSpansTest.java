package dev.askdocs.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSpansTest {
  // "[CLS] Title \n One two . Three four . [SEP]": tokens and their characters.
  private static final int[] STARTS = {0, 0, 6, 10, 13, 15, 21, 25, 0};
  private static final int[] ENDS = {0, 5, 9, 13, 14, 20, 25, 26, 0};
  private static final boolean[] SPECIAL = {
    true, false, false, false, false, false, false, false, true
  };

  @Test
  void a_span_gets_the_tokens_that_start_inside_it_after_the_title() {
    int[][] ranges =
        TokenSpans.of(STARTS, ENDS, SPECIAL, false, List.of(new Span(6, 14), new Span(15, 26)));
    assertThat(ranges[0]).containsExactly(2, 5);
    assertThat(ranges[1]).containsExactly(5, 8);
  }

  @Test
  void a_span_without_tokens_gets_none() {
    assertThat(TokenSpans.of(STARTS, ENDS, SPECIAL, false, List.of(new Span(14, 15)))[0]).isNull();
  }

  @Test
  void a_span_cut_off_at_the_window_gets_none_and_one_before_the_cut_keeps_its_tokens() {
    // The model saw up to "Three" (character 20); "four ." was cut.
    int[] starts = {0, 0, 6, 10, 13, 15, 0};
    int[] ends = {0, 5, 9, 13, 14, 20, 0};
    boolean[] special = {true, false, false, false, false, false, true};
    int[][] ranges =
        TokenSpans.of(starts, ends, special, true, List.of(new Span(6, 14), new Span(15, 26)));
    assertThat(ranges[0]).containsExactly(2, 5);
    assertThat(ranges[1]).isNull();
  }
}
