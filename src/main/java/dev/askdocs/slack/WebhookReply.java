package dev.askdocs.slack;

import java.util.Map;

/**
 * What a chat handler answers over HTTP.
 *
 * @param contentType null when there is no body
 * @param body the body, empty for none
 * @param headers extra response headers
 */
record WebhookReply(int status, String contentType, String body, Map<String, String> headers) {
  WebhookReply {
    headers = Map.copyOf(headers);
  }

  static WebhookReply json(String json) {
    return new WebhookReply(200, "application/json", json, Map.of());
  }

  static WebhookReply empty(int status) {
    return new WebhookReply(status, null, "", Map.of());
  }

  WebhookReply withHeader(String name, String value) {
    return new WebhookReply(status, contentType, body, Map.of(name, value));
  }
}
