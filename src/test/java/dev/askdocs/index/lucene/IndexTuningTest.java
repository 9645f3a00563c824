package dev.askdocs.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexTuningTest {
  private final IndexTuning automatic = IndexTuning.defaults();

  @Test
  void the_automatic_beam_is_what_was_asked_for_up_to_the_first_step() {
    assertThat(automatic.searchCandidates(50, 0)).isEqualTo(50);
    assertThat(automatic.searchCandidates(50, 10_000)).isEqualTo(50);
    assertThat(automatic.searchCandidates(50, 100_001)).isEqualTo(50);
    assertThat(automatic.searchCandidates(50, IndexTuning.VECTORS_PER_STEP)).isEqualTo(50);
  }

  @Test
  void the_automatic_beam_grows_with_the_index_up_to_its_ceiling() {
    assertThat(automatic.searchCandidates(50, IndexTuning.VECTORS_PER_STEP + 1)).isEqualTo(100);
    int million = automatic.searchCandidates(50, 1_000_003);
    assertThat(million).isGreaterThan(100);
    assertThat(automatic.searchCandidates(50, 1_232_440)).isGreaterThanOrEqualTo(million);
    assertThat(automatic.searchCandidates(50, 1_000_000_000L))
        .isEqualTo(50 * IndexTuning.MAX_STEPS);
    assertThat(automatic.searchCandidates(10, 1_000_003)).isEqualTo(million / 5);
  }

  @Test
  void a_fixed_beam_holds_at_any_size_but_never_below_what_was_asked_for() {
    IndexTuning fixed = automatic.withVectorBeam(120);
    assertThat(fixed.searchCandidates(50, 10)).isEqualTo(120);
    assertThat(fixed.searchCandidates(50, 5_000_000)).isEqualTo(120);
    assertThat(fixed.searchCandidates(200, 10)).isEqualTo(200);
    assertThatThrownBy(() -> automatic.withVectorBeam(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
