package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a Server-Sent Events response line by line with the JDK's HTTP client, as it arrives. */
final class SseClient {
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  SseClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * One event as received.
   *
   * @param atNanos {@link System#nanoTime()} when its blank terminating line arrived
   */
  record Event(String name, JsonNode data, long atNanos) {}

  record Reply(int status, String contentType, List<Event> events, String body) {
    List<Event> named(String name) {
      return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    List<String> names() {
      return events.stream().map(Event::name).toList();
    }

    JsonNode done() {
      return named("done").get(0).data();
    }
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<Stream<String>> r = client.send(request, HttpResponse.BodyHandlers.ofLines());
    String type = r.headers().firstValue("Content-Type").orElse("");
    List<Event> events = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    String name = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = r.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        body.append(line).append('\n');
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(
                new Event(name, HttpJson.MAPPER.readTree(data.toString()), System.nanoTime()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    }
    return new Reply(r.statusCode(), type, events, body.toString());
  }
}
