package dev.askdocs.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A stand-in for Slack's servers on a random local port: its Web API ({@code /api/...}, where
 * {@code chat.postMessage} answers ok) and slash commands' response URLs ({@code /response/...}).
 * Records every request it gets.
 */
final class FakeSlack implements AutoCloseable {
  /** One request as received. */
  record Call(String path, Map<String, String> headers, String body) {
    /** The form fields of a form-encoded body, as the Web API client sends them. */
    Map<String, String> form() {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return fields;
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  FakeSlack() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/chat.postMessage", ex -> record(ex, chatPostMessageOk()));
    server.createContext("/response/", ex -> record(ex, "ok"));
    server.start();
  }

  private static String chatPostMessageOk() {
    return "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000099.000100\"}";
  }

  private void record(HttpExchange ex, String reply) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.add(new Call(ex.getRequestURI().getPath(), headers, body));
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + id;
  }

  List<Call> calls(Predicate<Call> which) {
    return calls.stream().filter(which).toList();
  }

  /** Waits until {@code count} calls match, and returns them. */
  List<Call> await(Predicate<Call> which, int count, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .alias("expected " + count + " calls of " + calls)
        .until(() -> calls(which), found -> found.size() >= count);
  }

  static Predicate<Call> postMessageIn(String threadTs) {
    return c ->
        c.path().equals("/api/chat.postMessage") && threadTs.equals(c.form().get("thread_ts"));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
