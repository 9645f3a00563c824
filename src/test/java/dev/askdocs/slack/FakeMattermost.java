package dev.askdocs.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Mattermost's REST API on a random local port: {@code GET /api/v4/posts/{id}}
 * answers the posts it was given (404 for others, 401 without the bot token) and records the {@code
 * Authorization} header of every request.
 */
final class FakeMattermost implements AutoCloseable {
  private final HttpServer server;
  private final String token;
  private final Map<String, String> roots = new ConcurrentHashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  FakeMattermost(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v4/posts/", this::post);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes {@code id} a post in the thread {@code rootId} starts ("" for a thread's first post). */
  void post(String id, String rootId) {
    roots.put(id, rootId);
  }

  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void post(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    String id = ex.getRequestURI().getPath().substring("/api/v4/posts/".length());
    String root = roots.get(id);
    if (!("Bearer " + token).equals(auth)) {
      reply(ex, 401, "{\"id\":\"api.context.session_expired.app_error\",\"status_code\":401}");
    } else if (root == null) {
      reply(ex, 404, "{\"id\":\"app.post.get.app_error\",\"status_code\":404}");
    } else {
      reply(ex, 200, "{\"id\":\"" + id + "\",\"channel_id\":\"ch1\",\"root_id\":\"" + root + "\"}");
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
