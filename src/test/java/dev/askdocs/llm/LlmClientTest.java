package dev.askdocs.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.askdocs.config.Config;
import dev.askdocs.config.LlmSettings;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Retries, deadlines and failure reporting, with the model mocked at LangChain4j's boundary. */
class LlmClientTest {
  final ChatModel chat = mock(ChatModel.class);
  final LlmSettings settings =
      Config.builder()
          .set(LlmSettings.BASE_URL, "http://127.0.0.1:9/v1")
          .set(LlmSettings.MODEL, "m")
          .set(LlmSettings.API_KEY, "sk-secret")
          .set(LlmSettings.TIMEOUT_MS, 300)
          .set(LlmSettings.DEADLINE_MS, 3_000)
          .build()
          .llm();
  final LlmClient client = new LlmClient(chat, mock(StreamingChatModel.class), settings, null);

  @AfterEach
  void close() {
    client.close();
  }

  static ChatResponse reply(String text) {
    return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
  }

  @Test
  void returns_the_models_text_and_records_the_endpoint_as_ok() {
    when(chat.chat(any(ChatRequest.class))).thenReturn(reply("Fine [1]."));

    assertThat(client.complete("rules", "question", Deadline.after(Duration.ofSeconds(1))))
        .isEqualTo("Fine [1].");
    assertThat(client.status().state()).isEqualTo("ok");
  }

  @Test
  void sends_no_system_message_when_it_is_blank() {
    when(chat.chat(any(ChatRequest.class))).thenReturn(reply("Rewritten?"));
    client.complete("", "rewrite this", Deadline.after(Duration.ofSeconds(1)));

    ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
    verify(chat).chat(sent.capture());
    assertThat(sent.getValue().messages()).hasSize(1);
    assertThat(sent.getValue().messages().get(0)).isNotInstanceOf(SystemMessage.class);
  }

  @Test
  void retries_a_server_error_once() {
    when(chat.chat(any(ChatRequest.class)))
        .thenThrow(new InternalServerException("boom"))
        .thenReturn(reply("Second time [1]."));

    assertThat(client.complete("s", "u", Deadline.after(Duration.ofSeconds(2))))
        .isEqualTo("Second time [1].");
    verify(chat, times(2)).chat(any(ChatRequest.class));
  }

  @Test
  void gives_up_after_the_retry_fails_too() {
    when(chat.chat(any(ChatRequest.class))).thenThrow(new InternalServerException("boom"));

    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofSeconds(2))))
        .isInstanceOfSatisfying(
            LlmUnavailableException.class,
            e -> assertThat(e.failure()).isEqualTo(LlmFailure.SERVER_ERROR));
    verify(chat, times(2)).chat(any(ChatRequest.class));
    assertThat(client.status().state()).isEqualTo("server_error");
  }

  @Test
  void does_not_retry_a_refused_key() {
    when(chat.chat(any(ChatRequest.class))).thenThrow(new AuthenticationException("no"));

    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofSeconds(2))))
        .isInstanceOfSatisfying(
            LlmUnavailableException.class,
            e -> assertThat(e.failure()).isEqualTo(LlmFailure.UNAUTHORIZED));
    verify(chat, times(1)).chat(any(ChatRequest.class));
  }

  @Test
  void stops_waiting_at_the_per_request_timeout_and_retries_within_the_deadline() {
    when(chat.chat(any(ChatRequest.class)))
        .thenAnswer(
            i -> {
              Thread.sleep(2000);
              return reply("late");
            });

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofSeconds(3))))
        .isInstanceOfSatisfying(
            LlmUnavailableException.class,
            e -> assertThat(e.failure()).isEqualTo(LlmFailure.TIMEOUT));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    verify(chat, times(2)).chat(any(ChatRequest.class));
    assertThat(ms)
        .isLessThan(1900); // two 300 ms attempts and a 500 ms backoff, not the model's 2 s
  }

  @Test
  void does_not_start_a_retry_the_deadline_leaves_no_time_for() {
    when(chat.chat(any(ChatRequest.class))).thenThrow(new InternalServerException("boom"));

    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofMillis(400))))
        .isInstanceOf(LlmUnavailableException.class);
    verify(chat, times(1)).chat(any(ChatRequest.class));
  }

  @Test
  void treats_an_empty_reply_as_a_failure() {
    when(chat.chat(any(ChatRequest.class))).thenReturn(reply("  "));

    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofSeconds(1))))
        .isInstanceOfSatisfying(
            LlmUnavailableException.class,
            e -> assertThat(e.failure()).isEqualTo(LlmFailure.EMPTY));
  }

  @Test
  void never_shows_the_key_in_its_status() {
    when(chat.chat(any(ChatRequest.class)))
        .thenThrow(new AuthenticationException("Incorrect API key provided: sk-secret"));

    assertThatThrownBy(() -> client.complete("s", "u", Deadline.after(Duration.ofSeconds(1))))
        .isInstanceOf(LlmUnavailableException.class);
    assertThat(client.status().message()).doesNotContain("sk-secret").contains("(api key)");
    assertThat(client.status().apiKeySet()).isTrue();
  }
}
