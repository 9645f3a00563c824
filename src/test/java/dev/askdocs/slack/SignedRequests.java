package dev.askdocs.slack;

import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/** Sends requests the way Slack does: signed by the Slack SDK's own generator, over real HTTP. */
final class SignedRequests {
  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String secret;

  SignedRequests(int port, String secret) {
    this.base = "http://127.0.0.1:" + port;
    this.secret = secret;
  }

  /** Signed with the right secret, now. */
  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return post(path, contentType, body, signed(secret, Instant.now(), body));
  }

  /** Signature headers for {@code body} at {@code when}, signed with {@code secret}. */
  static Map<String, String> signed(String secret, Instant when, String body) {
    String timestamp = Long.toString(when.getEpochSecond());
    return Map.of(
        "X-Slack-Request-Timestamp",
        timestamp,
        "X-Slack-Signature",
        new SlackSignature.Generator(secret).generate(timestamp, body));
  }

  HttpResponse<String> post(
      String path, String contentType, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
