package dev.askdocs.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.config.SlackSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collections, one holding canary documents with facts found nowhere else. Every route, asked
 * by identities that may not read the canaries, with a few hundred questions and searches aimed at
 * them (exact phrases, paraphrases, their document ids, the other collection's name, follow-ups in
 * a conversation begun in an allowed collection), must show no canary text, title, id or count in
 * any response, event or INFO log line; the identity that may read them gets their answers. Each
 * backend runs it once ({@link LuceneCollectionLeakIT}, {@link SolrCollectionLeakIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectionLeakContract {
  static final String STAFF_KEY = "staff-key-0123456789abcdef";
  static final String BOARD_KEY = "board-key-0123456789abcdef";
  static final String ALL_KEY = "eng-key-0123456789abcdef00";
  static final String MM_HANDBOOK = "mattermost-handbook-token";
  static final String SLACK_SECRET = "slack-signing-secret-for-tests";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Facts only the canaries hold: any of them in a response to a handbook caller is a leak. */
  static final List<String> CANARY_MARKERS =
      List.of(
          "zorblax",
          "quillfeather",
          "pelicanorange",
          "412 million",
          "vantablack",
          "1.9 million",
          "seventy percent",
          "glasswing",
          "240 roles",
          "rotterdam",
          "board-minutes",
          "exec-pay",
          "restructuring-plan");

  static final String MINUTES =
      "# Project Zorblax board minutes\n\n"
          + "## Quillfeather acquisition\n\n"
          + "The board approved the acquisition of Quillfeather Dynamics for 412 million euros. "
          + "The code name of the deal is PELICANORANGE.\n\n"
          + "## Closing date\n\n"
          + "The closing date of the Zorblax deal is the ninth of March.\n";
  static final String PAY =
      "Executive pay\n\nThe chief executive Marguerite Vantablack earns 1.9 million euros a year. "
          + "Her bonus target is seventy percent of her salary.\n";
  static final String PLAN =
      "Restructuring plan\n\nThe plan named Operation Glasswing removes 240 roles in the Rotterdam"
          + " office by June. The works council will be told in April.\n";

  /** Questions aimed at the canaries: exact phrases, paraphrases and plain keyword searches. */
  static final List<String> PROBES =
      List.of(
          "Who did the board approve acquiring?",
          "What is the code name of the deal?",
          "How much was paid for the acquisition?",
          "When is the closing date of the acquisition?",
          "Project Zorblax",
          "Quillfeather Dynamics acquisition price",
          "PELICANORANGE",
          "The board approved the acquisition of Quillfeather Dynamics",
          "board minutes",
          "What did the board decide?",
          "How much does the chief executive earn?",
          "What is the CEO's salary?",
          "Marguerite Vantablack",
          "What is the bonus target of the chief executive?",
          "executive pay",
          "How much money do the bosses make a year?",
          "Which office loses roles in the restructuring?",
          "Operation Glasswing",
          "How many roles are removed?",
          "What is the restructuring plan called?",
          "When will the works council be told?",
          "layoffs in Rotterdam",
          "Which jobs will be cut by June?",
          "What are the secret plans of the company?",
          "Tell me everything in the board collection");

  static final String HANDBOOK_QUESTION =
      "Who is the Pakistani special representative for Afghanistan?";

  Path tmp;
  App app;
  HttpClient client = HttpClient.newHttpClient();
  String base;
  List<String> canaryIds = new ArrayList<>();
  final Set<String> probeTexts = new LinkedHashSet<>();
  int responsesChecked;

  /** The settings of the backend under test, on top of {@code config}. */
  abstract Config backend(Config config, Path tmp) throws Exception;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    Path handbook = TestCorpus.withSeed(tmp.resolve("handbook"));
    Path board = Files.createDirectories(tmp.resolve("board"));
    Files.writeString(board.resolve("board-minutes.md"), MINUTES);
    Files.writeString(board.resolve("exec-pay.txt"), PAY);
    Files.writeString(board.resolve("restructuring-plan.txt"), PLAN);
    Path yml = tmp.resolve("askdocs.yml");
    Files.writeString(
        yml,
        """
        collections:
          - name: handbook
            folders: [handbook]
            readers: [staff, board]
            editors: [hr]
          - name: board
            folders: [board]
            readers: [board]
        apiKeys:
          - name: staff-bot
            key: "%s"
            groups: [staff]
          - name: board-bot
            key: "%s"
            groups: [board]
          - name: limited
            key: "%s"
            groups: [staff, board]
            collections: [handbook]
        slack:
          channels: {CHANDBOOK: handbook, CBOARD: board}
        mattermost:
          - token: %s
            collection: handbook
        """
            .formatted(STAFF_KEY, BOARD_KEY, ALL_KEY, MM_HANDBOOK));
    Config config =
        backend(
            Config.builder()
                .set(Config.CORPUS_DIR, tmp.resolve("unused"))
                .set(Config.INDEX_DIR, tmp.resolve("index"))
                .set(Config.PORT, 0)
                .file(ConfigFile.read(yml))
                .set(ApiSettings.RATE_LIMIT, 1_000_000)
                .set(ApiSettings.RATE_LIMIT_WINDOW_SECONDS, 60)
                .set(SlackSettings.BOT_TOKEN, "xoxb-test")
                .set(SlackSettings.SIGNING_SECRET, SLACK_SECRET)
                .set(SlackSettings.API_URL, URI.create("http://127.0.0.1:9/api"))
                .set(SlackSettings.PUBLIC_URL, "https://askdocs.example")
                .build(),
            tmp);
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(3));
    base = "http://127.0.0.1:" + app.port();
    JsonNode docs = get("/api/v1/documents?collection=board", BOARD_KEY).json;
    docs.get("documents").forEach(d -> canaryIds.add(d.get("id").asText()));
    assertThat(canaryIds).hasSize(3);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void no_route_shows_a_canary_to_a_caller_who_may_not_read_it() throws Exception {
    // Every log event at INFO and above while the probes run, as the operator's log keeps them.
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
        new ch.qos.logback.core.read.ListAppender<>();
    events.start();
    root.addAppender(events);
    try {
      for (String key : List.of(STAFF_KEY, ALL_KEY)) {
        probeEveryRoute(key);
      }
      probeChatIntegrations();
    } finally {
      root.detachAppender(events);
    }
    StringBuilder log = new StringBuilder();
    for (ch.qos.logback.classic.spi.ILoggingEvent e : List.copyOf(events.list)) {
      if (e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)) {
        log.append(e.getFormattedMessage()).append('\n');
        if (e.getThrowableProxy() != null) {
          log.append(e.getThrowableProxy().getMessage()).append('\n');
        }
      }
    }
    assertNoCanary("the log", log.toString(), "");
    assertThat(responsesChecked).isGreaterThan(300);
    System.out.printf(
        "collection leak test (%s): %d responses checked, 0 leaks%n",
        getClass().getSimpleName(), responsesChecked);
  }

  private void probeEveryRoute(String key) throws Exception {
    for (String q : PROBES) {
      probeTexts.add(q);
      check(post("/api/v1/ask", key, obj("question", q)));
      check(post("/api/v1/ask", key, obj("question", q).put("collection", "handbook")));
      check(get("/api/v1/search?k=50&q=" + enc(q), key));
      check(get("/api/v1/search?k=50&mode=bm25&q=" + enc(q), key));
      check(post("/api/v1/chat", key, obj("question", q)));
      ObjectNode completion = obj("model", "askdocs");
      completion.putArray("messages").addObject().put("role", "user").put("content", q);
      check(post("/v1/chat/completions", key, completion));
      completion.put("model", "board");
      expect404(post("/v1/chat/completions", key, completion));
      completion.put("model", "handbook").put("stream", true);
      check(post("/v1/chat/completions", key, completion));
      // Naming the other collection is as if it did not exist.
      expect404(post("/api/v1/ask", key, obj("question", q).put("collection", "board")));
      expect404(get("/api/v1/search?collection=board&q=" + enc(q), key));
    }
    // A follow-up in a conversation begun in an allowed collection stays in it.
    ObjectNode first = obj("question", HANDBOOK_QUESTION).put("conversationId", "conv-1");
    check(post("/api/v1/chat", key, first));
    for (String q : PROBES.subList(0, 8)) {
      check(post("/api/v1/chat", key, obj("question", q).put("conversationId", "conv-1")));
      expect404(
          post(
              "/api/v1/chat",
              key,
              obj("question", q).put("conversationId", "conv-1").put("collection", "board")));
    }
    // Document ids of the other collection are unknown ids.
    for (String id : canaryIds) {
      expect404(get("/api/v1/documents/" + id, key));
      expect404(get("/api/v1/documents/" + id + "?collection=board", key));
      check(post("/api/v1/ask", key, idFilter(id, "Who did the board approve acquiring?")));
      check(get("/api/v1/search?q=board&documentId=" + id, key));
      Reply del = delete("/api/v1/documents/" + id, key);
      assertThat(del.status).as(del.body).isIn(403, 404);
      check(del);
    }
    check(get("/api/v1/documents", key));
    check(get("/api/v1/documents?collection=handbook", key));
    check(get("/api/v1/starters", key));
    expect404(get("/api/v1/starters?collection=board", key));
    expect404(get("/api/v1/documents?collection=board", key));
    Reply models = get("/v1/models", key);
    check(models);
    assertThat(models.body).contains("handbook").doesNotContain("\"board\"");
    Reply health = get("/health", key);
    check(health);
    assertThat(health.json.path("index").path("documents").asInt()).isEqualTo(1);
    // The canaries are still there: nothing was deleted by the refused requests.
    assertThat(get("/api/v1/documents?collection=board", BOARD_KEY).json.get("documents"))
        .hasSize(3);
  }

  private void probeChatIntegrations() throws Exception {
    for (String q : PROBES) {
      probeTexts.add(q);
      ObjectNode hook = obj("token", MM_HANDBOOK).put("text", q).put("channel_id", "x");
      check(post("/hooks/mattermost", null, hook));
      check(slash(q, "CHANDBOOK"));
      Reply unmapped = slash(q, "CRANDOM");
      check(unmapped);
      assertThat(unmapped.body).contains("not connected");
    }
  }

  @Test
  void the_identity_that_may_read_the_canaries_gets_their_answers() throws Exception {
    JsonNode a =
        post(
                "/api/v1/ask",
                BOARD_KEY,
                obj("question", "What is the code name of the deal?").put("collection", "board"))
            .json;
    assertThat(a.get("answer").asText()).containsIgnoringCase("PELICANORANGE");
    JsonNode h = post("/api/v1/ask", STAFF_KEY, obj("question", HANDBOOK_QUESTION)).json;
    assertThat(h.get("answer").asText()).contains("Asif Durrani");
    Reply slash = slash("What is the code name of the deal?", "CBOARD");
    assertThat(slash.body).containsIgnoringCase("PELICANORANGE");
    Reply models = get("/v1/models", BOARD_KEY);
    assertThat(models.body).contains("\"handbook\"").contains("\"board\"");
    ObjectNode completion = obj("model", "board");
    completion
        .putArray("messages")
        .addObject()
        .put("role", "user")
        .put("content", "How much does the chief executive earn?");
    assertThat(post("/v1/chat/completions", BOARD_KEY, completion).body).contains("1.9 million");
    // Starter questions come from the board's titles and headings for a board reader only.
    JsonNode starters = get("/api/v1/starters?collection=board", BOARD_KEY).json;
    assertThat(starters.get("source").asText()).isEqualTo("documents");
    List<String> asks = new ArrayList<>();
    starters.get("questions").forEach(q -> asks.add(q.asText()));
    assertThat(asks)
        .contains("What does “Project Zorblax board minutes” say?")
        .anyMatch(
            q ->
                q.contains("say about “Quillfeather acquisition”")
                    || q.contains("say about “Closing date”"))
        .hasSizeLessThanOrEqualTo(4);
    // A reader may not delete: the canary stays.
    Reply del = delete("/api/v1/documents/" + canaryIds.get(0), BOARD_KEY);
    assertThat(del.status).isEqualTo(403);
  }

  @Test
  void document_pages_searches_and_totals_hold_only_what_the_caller_may_read() throws Exception {
    List<String> paged = new ArrayList<>();
    String cursor = "";
    String lastCursor = null;
    do {
      JsonNode page =
          get("/api/v1/documents?collection=board&limit=1&cursor=" + enc(cursor), BOARD_KEY).json;
      assertThat(page.get("total").asInt()).isEqualTo(3);
      assertThat(page.get("documents")).hasSize(1);
      paged.add(page.get("documents").get(0).get("source").asText());
      lastCursor = cursor;
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
    } while (cursor != null && paged.size() < 10);
    assertThat(paged).containsExactly("board-minutes.md", "exec-pay.txt", "restructuring-plan.txt");
    JsonNode minutes = get("/api/v1/documents?collection=board&q=zorblax", BOARD_KEY).json;
    assertThat(minutes.get("documents").findValuesAsText("source"))
        .containsExactly("board-minutes.md");

    for (String key : List.of(STAFF_KEY, ALL_KEY)) {
      for (String q : List.of("zorblax", "minutes", "board", "PAY", "plan", ".txt", "")) {
        Reply r = get("/api/v1/documents?limit=1&q=" + enc(q), key);
        check(r);
        // Counted inside the index: the handbook's one document, or none, never the board's.
        assertThat(r.json.get("total").asInt())
            .as(q)
            .isEqualTo(q.isEmpty() || q.equals(".txt") ? 1 : 0);
      }
      // A cursor from the board's listing is only a position: the handbook's page after it.
      Reply after = get("/api/v1/documents?collection=handbook&cursor=" + enc(lastCursor), key);
      check(after);
      assertThat(after.json.get("total").asInt()).isEqualTo(1);
    }
    Reply bad = get("/api/v1/documents?cursor=not-a-cursor", STAFF_KEY);
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.json.get("error").get("field").asText()).isEqualTo("cursor");
    assertThat(get("/api/v1/documents?limit=0", STAFF_KEY).json.get("error").get("field").asText())
        .isEqualTo("limit");
  }

  @Test
  void a_caller_without_a_key_gets_nothing() throws Exception {
    assertThat(get("/api/v1/documents", null).status).isEqualTo(401);
    Reply health = get("/health", null);
    assertThat(health.json.path("index").isMissingNode() || health.json.get("index").isNull())
        .as(health.body)
        .isTrue();
  }

  // --- checking -------------------------------------------------------------------------------

  private void check(Reply r) {
    responsesChecked++;
    assertThat(r.status).as(r.body).isLessThan(500);
    assertNoCanary(r.description, r.body, r.description);
  }

  private void expect404(Reply r) {
    assertThat(r.status).as(r.description + ": " + r.body).isEqualTo(404);
    check(r);
  }

  /** Fails when {@code text} holds a canary fact or id that {@code request} did not itself send. */
  private void assertNoCanary(String where, String text, String request) {
    String lower = text.toLowerCase(Locale.ROOT);
    String sent = request.toLowerCase(Locale.ROOT);
    for (String marker : markers()) {
      if (sent.contains(marker)) {
        continue; // the caller's own words, echoed (a 404 names the id it was asked for)
      }
      assertThat(lower).as("%s shows canary '%s'", where, marker).doesNotContain(marker);
    }
  }

  /** The canary facts and ids, less any word a probe itself says (responses echo questions). */
  private List<String> markers() {
    String asked = String.join(" ", probeTexts).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String m : CANARY_MARKERS) {
      if (!asked.contains(m)) {
        out.add(m);
      }
    }
    out.addAll(canaryIds);
    return out;
  }

  // --- requests -------------------------------------------------------------------------------

  record Reply(int status, String body, JsonNode json, String description) {}

  static ObjectNode obj(String k, String v) {
    return JSON.createObjectNode().put(k, v);
  }

  static ObjectNode idFilter(String id, String question) {
    ObjectNode o = obj("question", question);
    o.putObject("filter").putArray("documentIds").add(id);
    return o;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Reply get(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), key, "GET " + path);
  }

  Reply delete(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), key, "DELETE " + path);
  }

  Reply post(String path, String key, JsonNode body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
        key,
        "POST " + path + " " + body);
  }

  Reply slash(String question, String channel) throws Exception {
    String body =
        "command=%2Fask&text="
            + enc(question)
            + "&channel_id="
            + channel
            + "&response_url="
            + enc("http://127.0.0.1:9/respond");
    String ts = Long.toString(Instant.now().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SLACK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sig =
        "v0="
            + HexFormat.of()
                .formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    return send(
        HttpRequest.newBuilder(URI.create(base + "/slack/commands"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", sig)
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        null,
        "slash " + channel + " " + question);
  }

  private Reply send(HttpRequest.Builder b, String key, String description) throws Exception {
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/json") && !r.body().isEmpty()) {
      json = JSON.readTree(r.body());
    }
    return new Reply(r.statusCode(), r.body(), json, description);
  }

  /** Writes to two streams: the console, and what the test reads back. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
