package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small real HTTP client for black-box tests: JSON in, status and JSON out. */
final class HttpJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  HttpJson(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(
      int status,
      JsonNode json,
      String body,
      String contentType,
      java.net.http.HttpHeaders headers) {}

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply ask(String question) throws IOException, InterruptedException {
    return post("/api/v1/ask", MAPPER.writeValueAsString(Map.of("question", question)));
  }

  private Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    String type = r.headers().firstValue("Content-Type").orElse("");
    JsonNode json = null;
    if (type.startsWith("application/json")) {
      json = MAPPER.readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body(), type, r.headers());
  }
}
