package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Answerer;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.Retriever;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a chat user is told. Retrieval finds nothing here; the answerer stands in for the outer
 * boundary that answers (an LLM provider, one day), which may fail.
 */
class RepliesTest {
  private static final Retriever NOTHING_FOUND =
      (question, topK, mode, filter) ->
          new Retrieval(question, new float[0], List.of(), Map.of(), 0, 0);

  private static Replies replies(Answerer answerer, boolean ready) {
    return new Replies(new QuestionAnswerer(NOTHING_FOUND, answerer), 5, 100, () -> ready);
  }

  @Test
  void answers_when_ready() {
    Answer answer = new Answer("The documents don't contain it.", true, List.of(), List.of(), 0);
    Reply reply = replies((q, r) -> answer, true).to("Who?");
    assertThat(reply).isEqualTo(new Reply.Answered("Who?", answer));
  }

  @Test
  void says_one_friendly_line_when_answering_fails() {
    Answerer broken =
        (q, r) -> {
          throw new IllegalStateException("provider said 500 at line 42");
        };
    Reply reply = replies(broken, true).to("Who?");
    assertThat(reply).isEqualTo(new Reply.Notice(Replies.FAILED));
    assertThat(Replies.FAILED).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void says_so_while_the_documents_are_still_being_read() {
    Reply reply = replies((q, r) -> null, false).to("Who?");
    assertThat(reply).isEqualTo(new Reply.Notice(Replies.NOT_READY));
  }

  @Test
  void refuses_a_question_that_is_too_long() {
    Reply reply = replies((q, r) -> null, true).to("why ".repeat(30));
    assertThat(((Reply.Notice) reply).text()).contains("too long").contains("100");
  }

  @Test
  void explains_usage_with_the_command_name() {
    assertThat(Replies.usage("/docs").text()).contains("/docs ");
  }
}
