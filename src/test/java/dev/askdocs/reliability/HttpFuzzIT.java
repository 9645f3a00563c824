package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.TestCorpus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and malformed requests at every route of a running askdocs (a child JVM with Slack,
 * Mattermost and a language model configured): never a 5xx, never a hung request, an API error is
 * always the JSON error body, no error or stack trace in the log, no secret in the log or in any
 * response. Then path traversal on document ids and static files.
 *
 * <p>Adding a route is one line in {@link #ROUTES}. Tries per route: system property {@code
 * askdocs.fuzz.tries} (default 100); seed: {@code askdocs.fuzz.seed} (default fixed, so CI is
 * reproducible; any other seed explores further).
 */
class HttpFuzzIT {
  private static final Duration START = Duration.ofMinutes(3);
  private static final String SIGNING_SECRET = "fuzz-signing-secret-5f1e9c";
  private static final String BOT_TOKEN = "xoxb-fuzz-bot-token-77aa21";
  private static final String MATTERMOST_TOKEN = "fuzz-mattermost-token-c0ffee";
  private static final String LLM_KEY = "sk-fuzz-llm-key-31415926";
  private static final List<String> SECRETS =
      List.of(SIGNING_SECRET, BOT_TOKEN, MATTERMOST_TOKEN, LLM_KEY);
  private static final int TRIES = Integer.getInteger("askdocs.fuzz.tries", 100);
  private static final long SEED = Long.getLong("askdocs.fuzz.seed", 20261129L);

  /** What a generator needs to build a request. */
  record Target(String base, String sinkUrl) {}

  /** One route and how to make a random request to it. */
  record Route(String name, Function<Gen, HttpRequest.Builder> request) {}

  /** A generator's view: hostile values and the target. */
  record Gen(Hostile h, Target t) {}

  /** Every route askdocs serves. Add a route here, in one line. */
  static final List<Route> ROUTES =
      List.of(
          new Route("POST /api/v1/ask", g -> json(g, "/api/v1/ask", List.of("question", "topK"))),
          new Route(
              "POST /api/v1/chat",
              g -> json(g, "/api/v1/chat", List.of("question", "conversationId", "topK"))),
          new Route(
              "GET /api/v1/search",
              g ->
                  get(g, "/api/v1/search?q=" + encode(g.h().text()) + "&" + query(g, "k", "mode"))),
          new Route("GET /api/v1/documents", g -> get(g, "/api/v1/documents?" + query(g, "x"))),
          new Route(
              "GET /api/v1/documents/{id}",
              g -> get(g, "/api/v1/documents/" + segment(g.h().text()))),
          new Route("GET /health", g -> get(g, "/health?" + query(g, "verbose"))),
          new Route("GET static", g -> get(g, "/" + segment(g.h().text()))),
          new Route("ANY method", HttpFuzzIT::anyMethod),
          new Route("POST /slack/commands", HttpFuzzIT::slashCommand),
          new Route("POST /slack/events", HttpFuzzIT::slackEvent),
          new Route("POST /hooks/mattermost", HttpFuzzIT::mattermost),
          new Route(
              "POST /api/v1/documents (JSON)",
              g -> json(g, "/api/v1/documents", List.of("text", "title", "source"))),
          new Route("POST /api/v1/documents (multipart)", HttpFuzzIT::upload),
          new Route(
              "DELETE /api/v1/documents/{id}",
              g -> builder(g, "/api/v1/documents/" + segment(g.h().text())).DELETE()),
          new Route(
              "POST /api/v1/feedback",
              g ->
                  json(
                      g, "/api/v1/feedback", List.of("rating", "question", "answer", "citations"))),
          new Route("POST /v1/chat/completions", HttpFuzzIT::chatCompletion),
          new Route("GET /v1/models", g -> get(g, "/v1/models?" + query(g, "x"))),
          new Route("GET /openapi.json", g -> get(g, "/openapi.json?" + query(g, "x"))),
          new Route(
              "GET /api/v1/conversations",
              g -> get(g, "/api/v1/conversations?" + query(g, "q", "limit", "cursor"))),
          new Route(
              "GET /api/v1/conversations/{id}/export",
              g ->
                  get(
                      g,
                      "/api/v1/conversations/"
                          + segment(g.h().text())
                          + "/export?"
                          + query(g, "format"))),
          new Route(
              "PATCH /api/v1/conversations/{id}",
              g ->
                  json(g, "/api/v1/conversations/" + segment(g.h().text()), List.of("title"))
                      .method(
                          "PATCH",
                          HttpRequest.BodyPublishers.ofString(g.h().jsonBody(List.of("title"))))),
          new Route(
              "DELETE /api/v1/conversations/{id}",
              g -> builder(g, "/api/v1/conversations/" + segment(g.h().text())).DELETE()));

  @TempDir static Path tmp;
  static FakeOpenAi llm;
  static HttpServer sink;
  static ChildServer server;
  static Loopback http;
  static int port;
  static Target target;

  @BeforeAll
  static void start() throws Exception {
    llm = FakeOpenAi.start();
    // Stands in for Slack's Web API and for response_url: accepts every post.
    sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/",
        ex -> {
          byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    sink.start();
    String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/";
    Map<String, String> env =
        Map.of(
            "SLACK_SIGNING_SECRET", SIGNING_SECRET,
            "SLACK_BOT_TOKEN", BOT_TOKEN,
            "ASKDOCS_SLACK_API_URL", sinkUrl + "api/",
            "ASKDOCS_MATTERMOST_TOKEN", MATTERMOST_TOKEN,
            "ASKDOCS_LLM_BASE_URL", llm.baseUrl(),
            "ASKDOCS_LLM_API_KEY", LLM_KEY,
            // Every request must reach its handler: the rate limiter would answer most with 429.
            "ASKDOCS_RATE_LIMIT", "0");
    server =
        ChildServer.start(
            TestCorpus.withSeed(tmp.resolve("corpus")),
            tmp.resolve("index"),
            env,
            tmp.resolve("server.log"));
    port = server.port(START);
    http = new Loopback(port);
    http.awaitReady(START);
    target = new Target("http://127.0.0.1:" + port, sinkUrl);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (sink != null) {
      sink.stop(0);
    }
    if (llm != null) {
      llm.close();
    }
  }

  @Test
  void answers_random_and_malformed_requests_without_a_server_error() throws Exception {
    Hostile h = new Hostile(SEED);
    Gen g = new Gen(h, target);
    Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    List<String> resets = new ArrayList<>();
    int sent = 0;
    int retried = 0;
    for (int i = 0; i < TRIES; i++) {
      for (Route route : ROUTES) {
        HttpRequest request = route.request().apply(g).timeout(Loopback.REQUEST_TIMEOUT).build();
        Loopback.Reply reply;
        try {
          reply = http.send(request);
        } catch (IOException first) {
          // The client may have reused a connection the server closed after its last answer
          // (it closes after refusing a too large request): once more, from a new client, so
          // on a new connection rather than another one from the same pool.
          retried++;
          try {
            reply = new Loopback(port).send(request);
          } catch (IOException e) {
            // The server refused this request without reading its body and closed the
            // connection while the client was still sending that body, which resets it and
            // loses the answer (a busy machine makes the client slow enough). Not a server
            // error, as long as the server goes on answering and such resets stay rare.
            resets.add(route.name() + " " + abbreviate(request.uri().toString()) + ": " + e);
            assertThat(new Loopback(port).get("/health").status())
                .as("the server answers after a reset")
                .isEqualTo(200);
            continue;
          }
        }
        sent++;
        statuses
            .computeIfAbsent(route.name(), k -> new TreeMap<>())
            .merge(reply.status(), 1, Integer::sum);
        String problem = problem(request, reply);
        if (problem != null && failures.size() < 20) {
          failures.add(route.name() + " " + abbreviate(request.uri().toString()) + ": " + problem);
        }
      }
    }
    System.out.printf(
        "http fuzz: %d requests (%d sent twice), seed %d, statuses %s%n",
        sent, retried, SEED, statuses);
    System.out.printf("http fuzz: %d connections reset twice: %s%n", resets.size(), resets);
    assertThat(failures).as("seed %d; log errors %s", SEED, logProblems()).isEmpty();
    assertThat(resets)
        .as("requests reset twice (at most 1 in 100)")
        .hasSizeLessThanOrEqualTo(sent / 100);
    assertThat(server.alive()).isTrue();
    assertThat(logProblems()).as("errors and stack traces in the log").isEmpty();
    String log = Files.readString(tmp.resolve("server.log"), StandardCharsets.UTF_8);
    for (String secret : SECRETS) {
      assertThat(log).as("the log").doesNotContain(secret);
    }
  }

  @Test
  void refuses_path_traversal_on_documents_and_static_files() throws Exception {
    List<String> attempts =
        List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2F%2E%2E%2Fpom.xml",
            "/..%2f..%2f..%2fpom.xml",
            "/..%5c..%5cpom.xml",
            "/web/../../pom.xml",
            "/%252e%252e/%252e%252e/pom.xml",
            "/..;/..;/pom.xml",
            "//etc/passwd",
            "/file:%2F%2F%2Fetc%2Fpasswd",
            "/api/v1/documents/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/v1/documents/%2e%2e",
            "/api/v1/documents/%2Fetc%2Fpasswd",
            "/api/v1/documents/....//....//pom.xml",
            "/api/v1/documents/C:%5Cwindows%5Cwin.ini",
            "/api/v1/documents/0123456789abcdef%00.txt",
            "/api/v1/documents/..%c0%af..%c0%afetc%c0%afpasswd");
    for (String path : attempts) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(target.base() + path))
              .timeout(Loopback.REQUEST_TIMEOUT)
              .GET()
              .build();
      Loopback.Reply reply = http.send(request);
      assertThat(reply.status()).as(path).isIn(400, 404);
      assertThat(reply.body()).as(path).doesNotContain("root:").doesNotContain("<project");
    }
  }

  private static String problem(HttpRequest request, Loopback.Reply reply) {
    if (reply.status() >= 500) {
      return "status " + reply.status() + ": " + abbreviate(reply.body());
    }
    for (String secret : SECRETS) {
      if (reply.body().contains(secret)) {
        return "a secret in the response";
      }
    }
    String path = request.uri().getRawPath();
    boolean api = path.startsWith("/api/");
    if (api && reply.status() >= 400 && request.method().matches("GET|POST")) {
      try {
        JsonNode error = reply.json().path("error");
        if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
          return "error body without code and message: " + abbreviate(reply.body());
        }
      } catch (RuntimeException e) {
        return "error body is not JSON: " + abbreviate(reply.body());
      }
    }
    return null;
  }

  private static List<String> logProblems() throws IOException {
    String log = Files.readString(tmp.resolve("server.log"), StandardCharsets.UTF_8);
    return log.lines()
        .filter(l -> l.contains(" ERROR ") || l.startsWith("\tat ") || l.contains("Exception:"))
        .limit(20)
        .toList();
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  // Request generators.

  private static HttpRequest.Builder builder(Gen g, String pathAndQuery) {
    try {
      return HttpRequest.newBuilder(URI.create(g.t().base() + pathAndQuery));
    } catch (IllegalArgumentException e) {
      // Not a URI at all: the client would refuse it; send the escaped form instead.
      return HttpRequest.newBuilder(URI.create(g.t().base() + "/" + segment(pathAndQuery)));
    }
  }

  static HttpRequest.Builder get(Gen g, String pathAndQuery) {
    return builder(g, pathAndQuery).GET();
  }

  static HttpRequest.Builder json(Gen g, String path, List<String> fields) {
    Hostile h = g.h();
    HttpRequest.Builder b = builder(g, path);
    if (h.chance(85)) {
      b.header("Content-Type", h.pick(List.of("application/json", "text/plain", "x/y; q=\u00ff")));
    }
    if (h.chance(3)) {
      return b.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1_200_000]));
    }
    if (h.chance(10)) {
      return b.POST(HttpRequest.BodyPublishers.ofByteArray(h.bytes(h.nextInt(2000))));
    }
    if (h.chance(50)) {
      // Well formed, so that the hostile text reaches retrieval and answering.
      String body = "{\"" + fields.get(0) + "\":" + Hostile.quote(h.text()) + "}";
      return b.POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return b.POST(HttpRequest.BodyPublishers.ofString(h.jsonBody(fields)));
  }

  /** Query parameters with hostile values, sometimes left unescaped. */
  static String query(Gen g, String... names) {
    Hostile h = g.h();
    StringBuilder q = new StringBuilder();
    for (String name : names) {
      if (h.chance(30)) {
        String v = h.text();
        q.append(q.length() > 0 ? "&" : "").append(name).append('=');
        q.append(h.chance(10) ? v.replaceAll("[\\s\"<>\\\\^`{|}]", "") : encode(v));
      }
    }
    return q.toString();
  }

  static String segment(String s) {
    return encode(s).replace("+", "%20");
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static HttpRequest.Builder anyMethod(Gen g) {
    Hostile h = g.h();
    String path =
        h.pick(List.of("/api/v1/ask", "/api/v1/documents", "/health", "/slack/events", "/x"));
    String method = h.pick(List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"));
    return builder(g, path).method(method, HttpRequest.BodyPublishers.ofString(h.text()));
  }

  /** Signed with the right secret most of the time; otherwise unsigned, wrongly or late signed. */
  static HttpRequest.Builder signed(Gen g, String path, String contentType, String body) {
    Hostile h = g.h();
    HttpRequest.Builder b =
        builder(g, path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    int how = h.nextInt(10);
    if (how == 0) {
      return b; // unsigned
    }
    Instant when = how == 1 ? Instant.now().minusSeconds(3600) : Instant.now();
    String secret = how == 2 ? "wrong-secret" : SIGNING_SECRET;
    String timestamp = how == 3 ? h.text() : Long.toString(when.getEpochSecond());
    String signature =
        how == 4 ? h.text() : new SlackSignature.Generator(secret).generate(timestamp, body);
    return b.header("X-Slack-Request-Timestamp", clean(timestamp))
        .header("X-Slack-Signature", clean(signature));
  }

  /** Header values may not hold controls or non-ASCII in the JDK client. */
  private static String clean(String s) {
    String c = s.replaceAll("[^\\x21-\\x7e]", "");
    return c.isEmpty() ? "x" : c;
  }

  static HttpRequest.Builder slashCommand(Gen g) {
    Hostile h = g.h();
    String body =
        h.chance(15)
            ? h.text()
            : form(
                "command",
                h.chance(80) ? "/ask" : h.text(),
                "text",
                h.chance(70) ? h.text() : h.words(6) + "?",
                "response_url",
                h.chance(90) ? g.t().sinkUrl() + "respond" : h.text(),
                "user_id",
                h.text(),
                "channel_id",
                h.text(),
                "team_id",
                h.text());
    return signed(g, "/slack/commands", "application/x-www-form-urlencoded", body);
  }

  static HttpRequest.Builder slackEvent(Gen g) {
    Hostile h = g.h();
    String body =
        switch (h.nextInt(4)) {
          case 0 -> "{\"type\":\"url_verification\",\"challenge\":" + Hostile.quote(h.text()) + "}";
          case 1 ->
              "{\"type\":\"event_callback\",\"event_id\":"
                  + Hostile.quote(h.text())
                  + ",\"event\":{\"type\":"
                  + Hostile.quote(h.pick(List.of("app_mention", "message", h.text())))
                  + ",\"text\":"
                  + Hostile.quote(h.text())
                  + ",\"channel\":"
                  + Hostile.quote(h.text())
                  + ",\"user\":\"U1\",\"ts\":"
                  + h.jsonValue(1)
                  + "}}";
          case 2 -> h.jsonBody(List.of("type", "event", "challenge", "event_id"));
          default -> h.text();
        };
    return signed(g, "/slack/events", "application/json", body);
  }

  static HttpRequest.Builder mattermost(Gen g) {
    Hostile h = g.h();
    String body =
        h.chance(15)
            ? h.text()
            : form(
                "token",
                h.chance(75) ? MATTERMOST_TOKEN : h.text(),
                "text",
                h.text(),
                "command",
                h.chance(50) ? "/ask" : h.text(),
                "trigger_word",
                h.text(),
                "response_url",
                g.t().sinkUrl() + "mm",
                "user_name",
                h.text());
    HttpRequest.Builder b = builder(g, "/hooks/mattermost");
    String type = h.chance(80) ? "application/x-www-form-urlencoded" : "application/json";
    return b.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A multipart upload: hostile names (traversal, no extension, .exe) and hostile contents. */
  static HttpRequest.Builder upload(Gen g) {
    Hostile h = g.h();
    String boundary = "fuzz" + h.nextInt(1_000_000);
    String name =
        h.pick(
            List.of(
                h.text() + h.pick(List.of(".txt", ".md", ".html", ".pdf", ".exe", "")),
                "../../" + h.text() + ".txt",
                "/etc/passwd",
                "..%2F..%2Fnotes.md",
                "C:\\windows\\" + h.text() + ".md"));
    byte[] content = h.chance(50) ? h.text().getBytes(StandardCharsets.UTF_8) : h.bytes(2000);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String field = h.chance(85) ? "file" : h.text();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + name.replace("\"", "")
            + "\"\r\nContent-Type: "
            + h.pick(List.of("text/plain", "application/pdf", "application/octet-stream"))
            + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    if (h.chance(90)) {
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    }
    String type =
        h.chance(90)
            ? "multipart/form-data; boundary=" + boundary
            : h.pick(List.of("x", "multipart/form-data"));
    return builder(g, "/api/v1/documents")
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }

  /** OpenAI-shaped requests: well-formed messages with hostile text, or hostile JSON. */
  static HttpRequest.Builder chatCompletion(Gen g) {
    Hostile h = g.h();
    if (h.chance(50)) {
      return json(g, "/v1/chat/completions", List.of("messages", "stream", "model", "n"));
    }
    String body =
        "{\"model\":"
            + Hostile.quote(h.text())
            + ",\"stream\":"
            + h.pick(List.of("true", "false", "1", "null"))
            + ",\"messages\":[{\"role\":"
            + Hostile.quote(h.pick(List.of("user", "system", "assistant", h.text())))
            + ",\"content\":"
            + Hostile.quote(h.text())
            + "}]}";
    return builder(g, "/v1/chat/completions")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static String form(String... keyValues) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      b.append(i > 0 ? "&" : "")
          .append(encode(keyValues[i]))
          .append('=')
          .append(encode(keyValues[i + 1]));
    }
    return b.toString();
  }
}
