package dev.askdocs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.net.http.HttpResponse;

/** How the commands that ask a running server (ingest, backup) read its refusals. Stateless. */
final class ServerReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerReplies() {}

  /** The message of an askdocs error body ({@code error.message}), else the body as it is. */
  static String message(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("error").path("message").asText(body);
    } catch (IOException e) {
      return body;
    }
  }

  /**
   * The server at {@code baseUrl} refused {@code what} with {@code reply}: its status and message,
   * and for 401 or 403 which settings give the command a key.
   */
  static AskdocsException refused(String baseUrl, String what, HttpResponse<String> reply) {
    return new AskdocsException(
        "the askdocs server at "
            + baseUrl
            + " refused "
            + what
            + " ("
            + reply.statusCode()
            + "): "
            + message(reply.body())
            + (reply.statusCode() == 401 || reply.statusCode() == 403
                ? "; set ASKDOCS_API_KEYS (or ASKDOCS_API_KEYS_FILE) to a key it accepts"
                : ""));
  }
}
