package dev.askdocs.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.askdocs.answer.Citation;
import java.util.List;

/** The JSON bodies of the OpenAI-compatible API, named and shaped as OpenAI's. */
final class OpenAiJson {
  private OpenAiJson() {}

  record ModelList(String object, List<Model> data) {}

  record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}

  record Message(String role, String content) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delta(String role, String content) {}

  record Choice(
      int index,
      @JsonInclude(JsonInclude.Include.NON_NULL) Message message,
      @JsonInclude(JsonInclude.Include.NON_NULL) Delta delta,
      @JsonProperty("finish_reason") String finishReason) {}

  /**
   * Token counts. askdocs does not count tokens with the tokenizer of any OpenAI model, and an
   * extractive answer runs no language model at all, so the counts are zero rather than guessed.
   */
  record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {
    static final Usage NOT_COUNTED = new Usage(0, 0, 0);
  }

  record Completion(
      String id,
      String object,
      long created,
      String model,
      List<Choice> choices,
      Usage usage,
      List<Citation> citations) {}

  record Chunk(
      String id,
      String object,
      long created,
      String model,
      List<Choice> choices,
      @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Citation> citations) {}

  /** OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
  record OpenAiError(Error error) {
    record Error(String message, String type, String param, String code) {}

    static OpenAiError of(int status, String code, String message, String param) {
      String type =
          switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
          };
      return new OpenAiError(new Error(message, type, param, code));
    }
  }
}
