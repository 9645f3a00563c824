package dev.askdocs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.backup.Backups;
import dev.askdocs.chat.ChatService;
import dev.askdocs.config.Config;
import dev.askdocs.config.WatchSettings;
import dev.askdocs.feedback.FeedbackLog;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askdocs backup} beside a running server, then {@code askdocs restore} into a fresh data
 * folder: the app started there gives the same answer from the same documents.
 */
class BackupRestoreIT {
  static final String QUESTION = "Who is the Pakistani special representative for Afghanistan?";

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void release() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  static Config config(Path corpus, Path indexDir) {
    return Config.builder()
        .set(Config.CORPUS_DIR, corpus)
        .set(Config.INDEX_DIR, indexDir)
        .set(Config.PORT, 0)
        .set(WatchSettings.WATCH, false)
        .build();
  }

  static Map<String, String> env(Path corpus, Path indexDir) {
    return Map.of(
        "ASKDOCS_CORPUS_DIR", corpus.toString(), "ASKDOCS_INDEX_DIR", indexDir.toString());
  }

  @Test
  void backs_up_a_running_server_and_restores_into_a_fresh_folder() throws Exception {
    Path corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Path indexDir = tmp.resolve("data").resolve("index");
    Path backup = tmp.resolve("backups").resolve("first");
    Files.createDirectories(backup.getParent());
    String answer;
    int documents;
    String conversation;
    try (App app = App.start(config(corpus, indexDir))) {
      app.awaitReady(Duration.ofMinutes(2));
      answer = app.answerer().ask(QUESTION, 5).answer().text();
      documents = documentCount(app.port());
      conversation =
          app.chat()
              .ask(
                  null,
                  QUESTION,
                  5,
                  new ChatService.Listener() {
                    @Override
                    public void retrieved(
                        String id,
                        dev.askdocs.chat.QuestionRewriter.Rewrite searched,
                        dev.askdocs.retrieve.Retrieval retrieval) {}

                    @Override
                    public void text(String piece) {}
                  })
              .conversationId();
      Files.writeString(
          indexDir.getParent().resolve(FeedbackLog.FILE_NAME), "{\"verdict\":\"up\"}\n");

      int code = Main.run(new String[] {"backup", backup.toString()}, env(corpus, indexDir));
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .contains("asking it for the backup")
          .contains("backed up 1 documents");

      // Restoring over the running server's folder is refused.
      assertThat(Main.run(new String[] {"restore", backup.toString()}, env(corpus, indexDir)))
          .isNotZero();
      assertThat(err.toString()).contains("stop it before restoring");
      // A second backup to the same folder is refused, and leaves the first one as it was.
      assertThat(Main.run(new String[] {"backup", backup.toString()}, env(corpus, indexDir)))
          .isEqualTo(Cli.EXIT_BAD_INPUT);
      assertThat(app.answerer().ask(QUESTION, 5).answer().text()).isEqualTo(answer);
    }
    assertThat(Backups.read(backup).documents()).isEqualTo(1);
    assertThat(backup.resolve(Backups.MANIFEST)).exists();
    try (Stream<Path> left = Files.list(backup.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("first");
    }

    // A fresh data folder beside the same documents (the corpus folder is not in a backup).
    Path corpus2 = TestCorpus.withSeed(tmp.resolve("corpus2"));
    Path indexDir2 = tmp.resolve("data2").resolve("index");
    int code = Main.run(new String[] {"restore", backup.toString()}, env(corpus2, indexDir2));
    assertThat(code).as(err.toString()).isZero();
    assertThat(indexDir2.getParent().resolve(FeedbackLog.FILE_NAME))
        .hasContent("{\"verdict\":\"up\"}");
    // Restoring again over the restored index is refused.
    assertThat(Main.run(new String[] {"restore", backup.toString()}, env(corpus2, indexDir2)))
        .isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("already holds an index");

    try (App restored = App.start(config(corpus2, indexDir2))) {
      restored.awaitReady(Duration.ofMinutes(2));
      // The start-up ingest found the restored document unchanged: nothing was rebuilt.
      assertThat(restored.lastIngest().orElseThrow().unchanged()).isEqualTo(1);
      assertThat(restored.lastIngest().orElseThrow().added()).isZero();
      assertThat(documentCount(restored.port())).isEqualTo(documents).isEqualTo(1);
      assertThat(restored.answerer().ask(QUESTION, 5).answer().text()).isEqualTo(answer);
      // The conversation came back with the index, its turn included.
      assertThat(restored.chat().conversations().find("", conversation).orElseThrow().turns())
          .extracting(t -> t.question())
          .containsExactly(QUESTION);
    }
    assertThat(Backups.read(backup).contents()).contains("conversations");
  }

  static int documentCount(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/documents"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(r.body());
    return body.get("documents").size();
  }

  @Test
  void restore_refuses_a_folder_that_is_not_a_complete_backup() throws Exception {
    Path half = Files.createDirectories(tmp.resolve("half").resolve("index"));
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    int code =
        Main.run(
            new String[] {"restore", half.getParent().toString()},
            env(corpus, tmp.resolve("data").resolve("index")));
    assertThat(code).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("is not a complete askdocs backup");
  }
}
