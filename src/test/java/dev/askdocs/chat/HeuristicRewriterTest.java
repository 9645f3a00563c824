package dev.askdocs.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.llm.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeuristicRewriterTest {
  final HeuristicRewriter rewriter = new HeuristicRewriter();
  final Deadline deadline = Deadline.after(Duration.ofSeconds(1));

  static List<Turn> after(String question, String answer) {
    return List.of(new Turn(question, question, answer, Instant.EPOCH));
  }

  @Test
  void carries_the_previous_questions_content_words_into_an_elliptical_follow_up() {
    var r =
        rewriter.rewrite(
            "And how many if families are counted?",
            after("How many TTP fighters are in Afghanistan?", "Between 8,000 and 12,000 [1]."),
            deadline);

    assertThat(r.by()).isEqualTo("heuristic");
    assertThat(r.question())
        .isEqualTo("And how many if families are counted? (TTP fighters Afghanistan)");
  }

  @Test
  void can_add_the_person_the_previous_answer_named_when_the_follow_up_says_he() {
    var r =
        new HeuristicRewriter(HeuristicRewriter.Carry.QUESTION_TERMS_AND_NAMES)
            .rewrite(
                "What did he reaffirm?",
                after(
                    "Who is the Pakistani special representative for Afghanistan?",
                    "During meetings with the Pakistani Special Representative for Afghanistan, Asif"
                        + " Durrani, in Kabul from July 19 to 21, the group was informed [1]."),
                deadline);

    assertThat(r.question()).startsWith("What did he reaffirm? (").contains("Asif Durrani");
  }

  @Test
  void by_default_adds_only_the_previous_questions_words() {
    var r =
        rewriter.rewrite(
            "What did he reaffirm?",
            after(
                "Who is the Pakistani special representative for Afghanistan?",
                "During meetings with the Pakistani Special Representative for Afghanistan, Asif"
                    + " Durrani, in Kabul [1]."),
            deadline);

    assertThat(r.question())
        .isEqualTo("What did he reaffirm? (Pakistani special representative Afghanistan)");
  }

  @Test
  void leaves_a_question_that_stands_alone_unchanged() {
    var r =
        rewriter.rewrite(
            "Who is the spokesperson of Pakistan's Foreign Office?",
            after("How many TTP fighters are in Afghanistan?", "Between 8,000 and 12,000 [1]."),
            deadline);

    assertThat(r.by()).isEqualTo("none");
    assertThat(r.question()).isEqualTo("Who is the spokesperson of Pakistan's Foreign Office?");
  }

  @Test
  void does_not_take_an_existential_there_for_a_pointer() {
    assertThat(rewriter.isFollowUp("Are there TTP fighters in Afghanistan?")).isFalse();
    assertThat(rewriter.isFollowUp("Who did they meet there?")).isTrue();
    assertThat(rewriter.isFollowUp("According to whom?")).isTrue();
  }

  @Test
  void leaves_the_first_question_of_a_conversation_unchanged() {
    assertThat(rewriter.rewrite("Why did they fail?", List.of(), deadline).question())
        .isEqualTo("Why did they fail?");
  }
}
