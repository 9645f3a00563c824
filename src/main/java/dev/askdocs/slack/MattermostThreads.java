package dev.askdocs.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which thread a Mattermost message is in. An outgoing webhook names the message ({@code post_id})
 * but not its thread, so this asks Mattermost's REST API ({@code GET /api/v4/posts/{post_id}} with
 * a bot token) for the post's {@code root_id}: empty for a message that starts a thread, which is
 * then its own root. A failed call is logged (without the token) and gives empty, so the message is
 * answered on its own. Thread-safe.
 */
final class MattermostThreads {
  private static final Logger LOG = LoggerFactory.getLogger(MattermostThreads.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Mattermost's ids are 26 lower-case letters and digits; anything else is not asked about. */
  private static final Pattern ID = Pattern.compile("[a-z0-9]{1,64}");

  private final HttpClient http;
  private final String serverUrl;
  private final String token;

  /**
   * @param serverUrl the server's base URL, without a trailing {@code /}
   * @param token a bot or personal access token that can read the post's channel
   */
  MattermostThreads(String serverUrl, String token) {
    this.serverUrl = serverUrl;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * The id of the thread {@code postId} belongs to (its root post's id, or its own when it is a
   * root), or empty when Mattermost cannot say.
   */
  Optional<String> rootOf(String postId) {
    if (postId == null || !ID.matcher(postId).matches()) {
      return Optional.empty();
    }
    URI uri =
        URI.create(
            serverUrl + "/api/v4/posts/" + URLEncoder.encode(postId, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        LOG.warn("Mattermost answered {} for post {}: answering it alone", r.statusCode(), postId);
        return Optional.empty();
      }
      JsonObject post = JsonParser.parseString(r.body()).getAsJsonObject();
      JsonElement root = post.get("root_id");
      String rootId = root == null || root.isJsonNull() ? "" : root.getAsString();
      return Optional.of(rootId.isEmpty() ? postId : rootId);
    } catch (IOException | JsonParseException | IllegalStateException e) {
      LOG.warn(
          "asking Mattermost for post {} failed: {}; answering it alone", postId, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
