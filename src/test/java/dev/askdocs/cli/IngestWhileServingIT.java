package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.WatchSettings;
import dev.askdocs.ingest.ServerFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askdocs ingest} on the index a running server holds: it asks the server, which ingests,
 * instead of failing on the index lock. The server does not watch its folder here, so only the
 * command can have brought the new file in.
 */
class IngestWhileServingIT {
  static final String KEY = "test-key-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path corpus;
  Path indexDir;
  App app;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    indexDir = tmp.resolve("index");
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    if (app != null) {
      app.close();
    }
  }

  void serve(List<String> keys) {
    Config c =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, indexDir)
            .set(Config.PORT, 0)
            .set(WatchSettings.WATCH, false)
            .build();
    app =
        App.start(
            c.toBuilder().set(ApiSettings.KEYS, keys).set(ApiSettings.KEYS_FILE, null).build());
    app.awaitReady(Duration.ofMinutes(2));
  }

  Map<String, String> env(String key) {
    return key == null
        ? Map.of("ASKDOCS_CORPUS_DIR", corpus.toString(), "ASKDOCS_INDEX_DIR", indexDir.toString())
        : Map.of(
            "ASKDOCS_CORPUS_DIR",
            corpus.toString(),
            "ASKDOCS_INDEX_DIR",
            indexDir.toString(),
            "ASKDOCS_API_KEYS",
            key);
  }

  @Test
  void ingest_asks_the_running_server_and_the_new_file_becomes_answerable() throws Exception {
    serve(List.of());
    assertThat(indexDir.resolve(ServerFile.NAME)).exists();
    Files.writeString(
        corpus.resolve("orchard.txt"),
        "Brindlewood orchard guide\n\nThe Brindlewood orchard grows 340 varieties of pear on the"
            + " hill. The head gardener of the orchard is Tomas Avery.\n");
    String question = "How many varieties of pear does the Brindlewood orchard grow?";
    assertThat(citedSources(question, null)).doesNotContain("orchard.txt");

    int code = Main.run(new String[] {"ingest"}, env(null));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed).contains("a server holds the index").contains("1 added, 0 updated");
    assertThat(citedSources(question, null)).contains("orchard.txt");
    JsonNode health = get("/health", null);
    assertThat(health.get("lastIngest").get("added").asInt()).isEqualTo(1);
    assertThat(health.get("ingest").isNull()).isTrue();

    // Another folder cannot be ingested into the index the server holds: exit 2, naming both.
    Path other = Files.createDirectories(tmp.resolve("elsewhere"));
    assertThat(Main.run(new String[] {"ingest", other.toString()}, env(null))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(other.toRealPath().toString())
        .contains(corpus.toAbsolutePath().normalize().toString());

    app.close();
    app = null;
    // The server is gone, and its file with it: ingest opens the index itself again.
    assertThat(indexDir.resolve(ServerFile.NAME)).doesNotExist();
    out.reset();
    assertThat(Main.run(new String[] {"ingest"}, env(null))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .doesNotContain("a server holds the index")
        .contains("2 unchanged");
  }

  @Test
  void with_api_keys_the_command_needs_one_the_server_accepts() throws Exception {
    serve(List.of(KEY));
    Files.writeString(
        corpus.resolve("ferry.txt"), "The Wexley canal ferry leaves every 40 minutes.");
    assertThat(Main.run(new String[] {"ingest"}, env("wrong-key-0123456789abcdef"))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("403").contains("ASKDOCS_API_KEYS");
    HttpResponse<String> anonymous = post("/api/v1/admin/ingest", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);

    assertThat(Main.run(new String[] {"ingest"}, env(KEY))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 added");
    assertThat(citedSources("How often does the Wexley canal ferry leave?", KEY))
        .contains("ferry.txt");
  }

  List<String> citedSources(String question, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/ask"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("question", question))));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("citations").findValuesAsText("source");
  }

  JsonNode get(String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return JSON.readTree(
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  HttpResponse<String> post(String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
