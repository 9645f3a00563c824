package dev.askdocs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.answer.SentenceParts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerSearchTest {
  private static final List<String> GOLD = List.of("1912");

  // The best sentence leads into the one holding the answer.
  private final ScorerSearch.Item leadIn =
      ScorerSearch.item(
          true,
          List.of(
              new SentenceParts(
                  "The ship sank in the year", "1912 was that year.", 1, 0.9, 1, 0.5, true),
              new SentenceParts("1912 was that year.", "", -1, 0.5, 0.2, 0.5, true)),
          GOLD);
  private final ScorerSearch.Item heldOut =
      ScorerSearch.item(
          false, List.of(new SentenceParts("Unrelated.", "", -1, 0.1, 0, 0.5, true)), GOLD);

  @Test
  void extending_the_first_quote_to_the_next_sentence_finds_the_gold_answer() {
    Map<String, Object> never = ScorerSearch.evaluate(List.of(leadIn, heldOut), 0.6, 0.3, 0.1, 9);
    Map<String, Object> always = ScorerSearch.evaluate(List.of(leadIn, heldOut), 0.6, 0.3, 0.1, 0);
    assertThat(never.get("firstCitationContainsGold")).isEqualTo(0.0);
    assertThat(always.get("firstCitationContainsGold")).isEqualTo(1.0);
    assertThat(always.get("abstainedOnHeldOut")).isEqualTo(1.0);
  }

  @Test
  void a_gated_question_abstains_at_every_threshold() {
    ScorerSearch.Item gated =
        ScorerSearch.item(true, List.of(new SentenceParts("1912.", "", -1, 1, 1, 1, false)), GOLD);
    Map<String, Object> m = ScorerSearch.evaluate(List.of(gated, heldOut), 0.6, 0.3, 0.1, 9);
    assertThat(m.get("abstainedOnAnswerable")).isEqualTo(1.0);
  }
}
