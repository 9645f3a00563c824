package dev.askdocs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A route {@code askdocs load} drives: where the question goes, in which body, what the client
 * accepts, and how a complete answer is recognised (a stream counts as answered only when its last
 * event arrived). Slack and Mattermost are not driven: their requests must be signed by a
 * workspace, and {@code SlackOverloadIT} covers their refusals.
 */
public enum LoadRoute {
  /** {@code POST /api/v1/ask}, one JSON answer. */
  ASK("/api/v1/ask", "application/json", null),
  /** {@code POST /api/v1/chat}, the JSON form. */
  CHAT("/api/v1/chat", "application/json", null),
  /** {@code POST /api/v1/chat}, Server-Sent Events ending with {@code done}. */
  CHAT_STREAM("/api/v1/chat", "text/event-stream", "event: done"),
  /** {@code POST /v1/chat/completions}, one JSON completion. */
  COMPLETIONS("/v1/chat/completions", "application/json", null),
  /** {@code POST /v1/chat/completions} with {@code stream: true}, ending with {@code [DONE]}. */
  COMPLETIONS_STREAM("/v1/chat/completions", "text/event-stream", "data: [DONE]");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String path;
  private final String accept;
  private final String lastEvent;

  LoadRoute(String path, String accept, String lastEvent) {
    this.path = path;
    this.accept = accept;
    this.lastEvent = lastEvent;
  }

  /** The route's name on the command line and in results: {@code chat-stream}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  String path() {
    return path;
  }

  String accept() {
    return accept;
  }

  /** The request body asking {@code question} on this route. */
  String body(String question) {
    Map<String, Object> body =
        switch (this) {
          case ASK, CHAT, CHAT_STREAM -> Map.of("question", question);
          case COMPLETIONS, COMPLETIONS_STREAM ->
              Map.of(
                  "model",
                  "askdocs",
                  "stream",
                  this == COMPLETIONS_STREAM,
                  "messages",
                  List.of(Map.of("role", "user", "content", question)));
        };
    try {
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a 200 response's body is a whole answer (a stream that reached its last event). */
  boolean complete(String body) {
    return lastEvent == null || body.contains(lastEvent);
  }

  /** The routes named in {@code list} ("ask,chat-stream"), in order; a clear error otherwise. */
  public static List<LoadRoute> parse(String list) {
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(LoadRoute::named)
        .distinct()
        .toList();
  }

  private static LoadRoute named(String label) {
    return Arrays.stream(values())
        .filter(r -> r.label().equals(label.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new BadInputException(
                    "bad_value",
                    "routes",
                    "--routes takes "
                        + Arrays.stream(values())
                            .map(LoadRoute::label)
                            .collect(Collectors.joining(", "))
                        + "; was '"
                        + label
                        + "'"));
  }
}
