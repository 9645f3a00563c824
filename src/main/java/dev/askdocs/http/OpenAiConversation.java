package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.chat.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The question and the turns before it, read from OpenAI-style {@code messages}: the last message
 * must be the user's; each user message followed by an assistant message before it is a turn;
 * system, developer and tool messages are skipped.
 */
record OpenAiConversation(String question, List<Turn> history) {
  /**
   * @param maxTurns turns kept, the latest (as a remembered conversation keeps them)
   */
  static OpenAiConversation of(JsonNode messages, int maxChars, int maxTurns) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new BadInputException(
          "missing_field", "messages", "'messages' must be a non-empty array");
    }
    List<Turn> history = new ArrayList<>();
    String pending = null;
    int last = messages.size() - 1;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      String content = content(m, i);
      if (i == last) {
        if (!role.equals("user")) {
          throw new BadInputException(
              "bad_value",
              "messages",
              "the last message must have role 'user': it is the question");
        }
        String q = JsonBodies.checkedText(content, "messages", maxChars);
        return new OpenAiConversation(
            q,
            List.copyOf(history.subList(Math.max(0, history.size() - maxTurns), history.size())));
      }
      switch (role) {
        case "user" -> pending = content;
        case "assistant" -> {
          if (pending != null) {
            history.add(new Turn(pending, pending, withoutSources(content), Instant.EPOCH));
            pending = null;
          }
        }
        case "system", "developer", "tool", "function" -> {
          // Instructions for a model: askdocs answers from its documents, whatever they say.
        }
        default ->
            throw new BadInputException(
                "bad_value", "messages", "message " + i + " has an unknown role '" + role + "'");
      }
    }
    throw new IllegalStateException("unreachable: the loop returns at the last message");
  }

  /** A message's text: a string, or the text parts of an array of parts. */
  private static String content(JsonNode m, int i) {
    JsonNode c = m.get("content");
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (c.isArray()) {
      StringBuilder out = new StringBuilder();
      for (JsonNode part : c) {
        if (part.path("type").asText().equals("text")) {
          out.append(out.length() == 0 ? "" : "\n").append(part.path("text").asText());
        }
      }
      return out.toString();
    }
    throw new BadInputException(
        "wrong_type", "messages", "message " + i + ": 'content' must be a string or an array");
  }

  private static String withoutSources(String answer) {
    int at = answer.indexOf("\n\nSources:");
    return at < 0 ? answer : answer.substring(0, at);
  }
}
