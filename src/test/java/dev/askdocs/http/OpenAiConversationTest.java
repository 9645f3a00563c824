package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import dev.askdocs.chat.Turn;
import org.junit.jupiter.api.Test;

class OpenAiConversationTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode messages(String json) throws Exception {
    return MAPPER.readTree(json.replace('\'', '"'));
  }

  @Test
  void the_last_user_message_is_the_question_and_earlier_pairs_are_turns() throws Exception {
    OpenAiConversation c =
        OpenAiConversation.of(
            messages(
                "[{'role': 'system', 'content': 'Be brief.'},"
                    + " {'role': 'user', 'content': 'How many TTP fighters are there?'},"
                    + " {'role': 'assistant', 'content': 'About 8,000 [1]\\n\\nSources:\\n[1] A (a.txt)'},"
                    + " {'role': 'user', 'content': [{'type': 'text', 'text': 'And with families?'},"
                    + " {'type': 'image_url', 'image_url': {'url': 'x'}}]}]"),
            2000,
            10);
    assertThat(c.question()).isEqualTo("And with families?");
    assertThat(c.history())
        .extracting(Turn::question)
        .containsExactly("How many TTP fighters are there?");
    assertThat(c.history().get(0).answer()).isEqualTo("About 8,000 [1]");
  }

  @Test
  void keeps_only_the_latest_turns() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      json.append("{'role': 'user', 'content': 'q").append(i).append("'},");
      json.append("{'role': 'assistant', 'content': 'a").append(i).append("'},");
    }
    json.append("{'role': 'user', 'content': 'last'}]");
    OpenAiConversation c = OpenAiConversation.of(messages(json.toString()), 2000, 2);
    assertThat(c.history()).extracting(Turn::question).containsExactly("q3", "q4");
  }

  @Test
  void refuses_what_is_not_a_question() throws Exception {
    assertThatThrownBy(() -> OpenAiConversation.of(messages("[]"), 2000, 10))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("non-empty");
    assertThatThrownBy(
            () ->
                OpenAiConversation.of(
                    messages("[{'role': 'assistant', 'content': 'hi'}]"), 2000, 10))
        .hasMessageContaining("role 'user'");
    assertThat(
            OpenAiConversation.of(messages("[{'role': 'user', 'content': ' x '}]"), 2000, 10)
                .question())
        .isEqualTo("x");
    assertThatThrownBy(
            () ->
                OpenAiConversation.of(
                    messages("[{'role': 'user', 'content': '" + "x".repeat(30) + "'}]"), 20, 10))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("limit is 20");
    assertThatThrownBy(
            () ->
                OpenAiConversation.of(
                    messages(
                        "[{'role': 'wizard', 'content': 'x'}, {'role': 'user', 'content': 'y'}]"),
                    2000,
                    10))
        .hasMessageContaining("unknown role");
  }
}
