package dev.askdocs.slack;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP request as the chat handlers see it.
 *
 * @param headers header values by lower-case name
 * @param body the raw body, exactly as received (signatures are computed over these bytes)
 */
record WebhookRequest(Map<String, String> headers, byte[] body) {
  WebhookRequest {
    headers =
        headers.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
  }

  /** The value of header {@code name} (any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
