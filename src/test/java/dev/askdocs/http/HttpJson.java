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
  private final String key;

  HttpJson(int port) {
    this(port, null);
  }

  /** A client that sends {@code Authorization: Bearer key} with every request (none if null). */
  HttpJson(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  String base() {
    return base;
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

  /**
   * Every document {@code GET /api/v1/documents} lists for this caller, following its pages (500 at
   * a time); {@code query} is more of the query string ({@code "collection=conda"}) or empty.
   *
   * @throws IllegalStateException when a page is refused (rate limited, not ready)
   */
  java.util.List<JsonNode> allDocuments(String query) throws IOException, InterruptedException {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/v1/documents?limit=500"
              + (query.isEmpty() ? "" : "&" + query)
              + (cursor == null
                  ? ""
                  : "&cursor="
                      + java.net.URLEncoder.encode(
                          cursor, java.nio.charset.StandardCharsets.UTF_8));
      Reply r = get(path);
      if (r.status() != 200) {
        throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
      }
      r.json().get("documents").forEach(out::add);
      JsonNode next = r.json().get("next");
      cursor = next == null || next.isNull() ? null : next.asText();
    } while (cursor != null);
    return out;
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
  }

  /** A multipart/form-data POST with one part per file, each in a field named {@code field}. */
  Reply upload(String path, String field, Map<String, byte[]> files)
      throws IOException, InterruptedException {
    String boundary = "askdocs-test-" + System.nanoTime();
    var body = new java.io.ByteArrayOutputStream();
    for (var f : files.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field
                  + "\"; filename=\""
                  + f.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  Reply ask(String question) throws IOException, InterruptedException {
    return post("/api/v1/ask", MAPPER.writeValueAsString(Map.of("question", question)));
  }

  Reply send(HttpRequest request) throws IOException, InterruptedException {
    if (key != null) {
      HttpRequest.Builder b = HttpRequest.newBuilder(request, (n, v) -> true);
      request = b.header("Authorization", "Bearer " + key).build();
    }
    HttpResponse<String> r;
    try {
      r = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // A kept-alive connection the server had closed (it closes one after refusing an oversized
      // request) fails before a byte of the answer arrives, the request unread: send it once
      // more, on a new connection, as the fuzz test does (docs/RELIABILITY.md).
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      r = client.send(request, HttpResponse.BodyHandlers.ofString());
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    JsonNode json = null;
    if (type.startsWith("application/json")) {
      json = MAPPER.readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body(), type, r.headers());
  }
}
