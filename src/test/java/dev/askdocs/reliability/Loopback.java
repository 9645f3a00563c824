package dev.askdocs.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A loopback HTTP client for the reliability tests: every request has a timeout, so a hung request
 * fails the test instead of hanging it.
 */
final class Loopback {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;

  Loopback(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  Reply postJson(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply ask(String question) throws IOException, InterruptedException {
    return postJson("/api/v1/ask", JSON.writeValueAsString(Map.of("question", question)));
  }

  Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  /**
   * Waits until {@code /health} says ready and reports a finished start-up ingest (an index built
   * earlier is ready at once, before its corpus folder has been checked); returns its body.
   */
  JsonNode awaitReady(Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IOException.class) // not accepting connections yet
        .until(
            () -> get("/health"),
            r ->
                r.status() == 200
                    && !r.json().path("lastIngest").isNull()
                    && !r.json().path("lastIngest").isMissingNode())
        .json();
  }
}
