package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.load.TestPdfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents added and removed over HTTP, on the real model and index. */
class DocumentsApiIT {
  static final long UPLOAD_LIMIT = 200_000;
  static final String MARKDOWN =
      "# Orchard guide\n\nThe Brindlewood orchard grows 340 varieties of pear on the hill."
          + " The head gardener of the orchard is Tomas Avery.\n";

  @TempDir static Path tmp;
  static Path corpus;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    corpus = TestCorpus.withSeed(tmp.resolve("corpus"));
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app = App.start(config.toBuilder().set(ApiSettings.MAX_UPLOAD_BYTES, UPLOAD_LIMIT).build());
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void uploads_answers_from_and_deletes_a_pdf_a_markdown_file_and_a_json_text() throws Exception {
    Counts before = counts();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("lighthouse.pdf", pdf());
    files.put("orchard.md", MARKDOWN.getBytes(StandardCharsets.UTF_8));
    var up = http.upload("/api/v1/documents", "file", files);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    JsonNode docs = up.json().get("documents");
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).get("source").asText()).isEqualTo("uploads/lighthouse.pdf");
    assertThat(docs.get(1).get("source").asText()).isEqualTo("uploads/orchard.md");
    assertThat(docs.get(0).get("chunks").asInt()).isPositive();
    String pdfId = docs.get(0).get("id").asText();
    String mdId = docs.get(1).get("id").asText();

    var json =
        http.post(
            "/api/v1/documents",
            "{\"title\": \"Canal ferry timetable\", \"source\": \"ferry\", \"text\":"
                + " \"The Wexley canal ferry leaves every 40 minutes from Pier Nine.\"}");
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    JsonNode ferry = json.json().get("documents").get(0);
    assertThat(ferry.get("source").asText()).isEqualTo("uploads/ferry.txt");
    assertThat(ferry.get("title").asText()).isEqualTo("Canal ferry timetable");
    String ferryId = ferry.get("id").asText();

    // Searchable as soon as the call returned, and kept as files of the corpus.
    JsonNode c = firstCitation("Who built the Kettle Point lighthouse?");
    assertThat(c.get("source").asText()).isEqualTo("uploads/lighthouse.pdf");
    assertThat(c.get("quote").asText()).contains("Mara Quill");
    assertThat(c.get("page").asInt()).isEqualTo(1);
    JsonNode pears = firstCitation("How many varieties of pear does the Brindlewood orchard grow?");
    assertThat(pears.get("source").asText()).isEqualTo("uploads/orchard.md");
    JsonNode ferries = firstCitation("How often does the Wexley canal ferry leave?");
    assertThat(ferries.get("quote").asText()).contains("every 40 minutes");
    assertThat(corpus.resolve("uploads/lighthouse.pdf")).exists();
    assertThat(corpus.resolve("uploads/ferry.txt")).content().startsWith("Canal ferry timetable");

    for (String id : List.of(pdfId, mdId, ferryId)) {
      var del = http.delete("/api/v1/documents/" + id);
      assertThat(del.status()).as(del.body()).isEqualTo(200);
      assertThat(del.json().get("fileRemoved").asBoolean()).isTrue();
      assertThat(http.get("/api/v1/documents/" + id).status()).isEqualTo(404);
    }
    JsonNode again = http.ask("Who built the Kettle Point lighthouse?").json();
    assertThat(again.get("citations").findValuesAsText("source"))
        .doesNotContain("uploads/lighthouse.pdf");
    assertThat(again.get("abstained").asBoolean()).isTrue();
    assertThat(corpus.resolve("uploads/lighthouse.pdf")).doesNotExist();
    assertThat(http.delete("/api/v1/documents/" + pdfId).status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/documents/" + pdfId).json().get("error").get("code").asText())
        .isEqualTo("not_found");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void refuses_an_oversized_upload_and_an_exe_and_leaves_the_index_unchanged() throws Exception {
    Counts before = counts();
    byte[] big = "word ".repeat((int) UPLOAD_LIMIT / 4).getBytes(StandardCharsets.UTF_8);
    var tooLarge = http.upload("/api/v1/documents", "file", Map.of("big.txt", big));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("error").get("code").asText()).isEqualTo("too_large");

    // Sent in chunks, without a Content-Length to refuse it by: stopped while it is read.
    String boundary = "chunked-test";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\""
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    var chunked =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.base() + "/api/v1/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.SequenceInputStream(
                                java.util.Collections.enumeration(
                                    List.of(
                                        new java.io.ByteArrayInputStream(head),
                                        new java.io.ByteArrayInputStream(big),
                                        new java.io.ByteArrayInputStream(tail))))))
                .build());
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
    assertThat(chunked.json().get("error").get("code").asText()).isEqualTo("too_large");

    var exe = http.upload("/api/v1/documents", "file", Map.of("tool.exe", new byte[] {77, 90}));
    assertThat(exe.status()).isEqualTo(415);
    assertThat(exe.json().get("error").get("code").asText()).isEqualTo("unsupported_media_type");
    assertThat(exe.json().get("error").get("message").asText()).contains("tool.exe");

    // One bad file refuses the whole call: the good one beside it is not indexed either.
    Map<String, byte[]> mixed = new LinkedHashMap<>();
    mixed.put("orchard.md", MARKDOWN.getBytes(StandardCharsets.UTF_8));
    mixed.put("tool.exe", new byte[] {77, 90});
    assertThat(http.upload("/api/v1/documents", "file", mixed).status()).isEqualTo(415);

    var empty = http.post("/api/v1/documents", "{\"title\": \"No text\"}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("error").get("field").asText()).isEqualTo("text");

    assertThat(counts()).isEqualTo(before);
    assertThat(
            http.get("/api/v1/search?q=Brindlewood+orchard&k=5")
                .json()
                .get("results")
                .findValuesAsText("source"))
        .doesNotContain("uploads/orchard.md");
    try (var left = Files.list(corpus.resolve("uploads"))) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void filters_by_source_prefix_and_document_id_inside_retrieval() throws Exception {
    var up =
        http.upload(
            "/api/v1/documents",
            "file",
            Map.of("orchard.md", MARKDOWN.getBytes(StandardCharsets.UTF_8)));
    String mdId = up.json().get("documents").get(0).get("id").asText();
    String seedId =
        http.get("/api/v1/documents").json().get("documents").findValuesAsText("id").stream()
            .filter(id -> !id.equals(mdId))
            .findFirst()
            .orElseThrow();
    try {
      // k=1 with a filter still returns the matching passage: the filter is inside the search.
      JsonNode onlyUploads =
          http.get("/api/v1/search?q=Taliban+Pakistan+TTP&k=1&source=uploads/").json();
      assertThat(onlyUploads.get("results")).hasSize(1);
      assertThat(onlyUploads.get("results").get(0).get("source").asText())
          .isEqualTo("uploads/orchard.md");
      JsonNode bySeed =
          http.get("/api/v1/search?q=orchard+pear+varieties&k=3&documentId=" + seedId).json();
      assertThat(bySeed.get("results").findValuesAsText("documentId")).containsOnly(seedId);

      JsonNode filtered =
          http.post(
                  "/api/v1/ask",
                  "{\"question\": \"How many varieties of pear does the Brindlewood orchard"
                      + " grow?\", \"filter\": {\"documentIds\": [\""
                      + seedId
                      + "\"]}}")
              .json();
      assertThat(filtered.get("abstained").asBoolean()).as(filtered.toString()).isTrue();
      JsonNode allowed =
          http.post(
                  "/api/v1/ask",
                  "{\"question\": \"How many varieties of pear does the Brindlewood orchard"
                      + " grow?\", \"filter\": {\"sourcePrefix\": [\"uploads/\"]}}")
              .json();
      assertThat(allowed.get("citations").get(0).get("documentId").asText()).isEqualTo(mdId);
      var bad = http.post("/api/v1/ask", "{\"question\": \"x\", \"filter\": {\"tag\": \"a\"}}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("error").get("field").asText()).isEqualTo("filter.tag");
    } finally {
      http.delete("/api/v1/documents/" + mdId);
    }
  }

  @Test
  void an_uploaded_document_stays_through_the_next_corpus_ingest() throws Exception {
    var up =
        http.upload(
            "/api/v1/documents",
            "file",
            Map.of("orchard.md", MARKDOWN.getBytes(StandardCharsets.UTF_8)));
    String id = up.json().get("documents").get(0).get("id").asText();
    try {
      IngestReport report = app.ingest(corpus);
      assertThat(report.deleted()).isZero();
      assertThat(report.unchanged()).isEqualTo(2);
      assertThat(http.get("/api/v1/documents/" + id).status()).isEqualTo(200);
    } finally {
      http.delete("/api/v1/documents/" + id);
    }
  }

  @Test
  void real_responses_fit_the_schemas_of_the_openapi_description() throws Exception {
    var up =
        http.post("/api/v1/documents", "{\"text\": \"The Wexley canal ferry leaves hourly.\"}");
    assertThat(up.status()).isEqualTo(201);
    assertThat(OpenApiSchemas.problems("AddedDocuments", up.json())).isEmpty();
    String id = up.json().get("documents").get(0).get("id").asText();
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    checks.put("AskResponse", http.ask("How often does the Wexley canal ferry leave?").json());
    checks.put("AskResponse ", http.ask("What colour is the moon's cheese?").json());
    checks.put("SearchResponse", http.get("/api/v1/search?q=ferry&source=uploads/").json());
    checks.put("DocumentList", http.get("/api/v1/documents").json());
    checks.put("Document", http.get("/api/v1/documents/" + id).json());
    checks.put("Health", http.get("/health").json());
    checks.put("RemovedDocument", http.delete("/api/v1/documents/" + id).json());
    checks.put("Error", http.delete("/api/v1/documents/" + id).json());
    checks.put(
        "Error ", http.upload("/api/v1/documents", "file", Map.of("a.exe", new byte[] {1})).json());
    checks.put("Error  ", http.post("/api/v1/ask", "{}").json());
    for (var c : checks.entrySet()) {
      assertThat(OpenApiSchemas.problems(c.getKey().strip(), c.getValue()))
          .as(c.getKey() + ": " + c.getValue())
          .isEmpty();
    }
  }

  record Counts(int documents, int chunks) {}

  static Counts counts() throws Exception {
    JsonNode index = http.get("/health").json().get("index");
    return new Counts(index.get("documents").asInt(), index.get("chunks").asInt());
  }

  @Test
  void shows_a_pdf_page_as_an_image_with_the_quote_highlighted() throws Exception {
    Path file = tmp.resolve("beacon.pdf");
    TestPdfs.write(
        file,
        "Gull Rock beacon",
        new String[] {"The Gull Rock beacon was lit in 1902."},
        new String[] {"Its keeper Ada Lorne kept a log of every ship that passed the rock."});
    var up =
        http.upload("/api/v1/documents", "file", Map.of("beacon.pdf", Files.readAllBytes(file)));
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.json().get("documents").get(0).get("id").asText();
    String mdId =
        http.upload(
                "/api/v1/documents",
                "file",
                Map.of("notes.md", MARKDOWN.getBytes(StandardCharsets.UTF_8)))
            .json()
            .get("documents")
            .get(0)
            .get("id")
            .asText();
    try {
      String page = "/api/v1/documents/" + id + "/pages/2.png";
      var marked =
          bytes(
              page
                  + "?quote="
                  + java.net.URLEncoder.encode(
                      "keeper  ADA Lorne kept a log", StandardCharsets.UTF_8));
      assertThat(marked.statusCode()).isEqualTo(200);
      assertThat(marked.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(marked.headers().firstValue("X-Highlighted-Runs").map(Integer::parseInt))
          .hasValueSatisfying(n -> assertThat(n).isPositive());
      var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(marked.body()));
      assertThat(image.getWidth()).isGreaterThan(500);
      var plain = bytes(page);
      assertThat(plain.headers().firstValue("X-Highlighted-Runs")).hasValue("0");
      assertThat(plain.body()).isNotEqualTo(marked.body());
      // The quote is on page 2, not on page 1: page 1 stays unmarked.
      assertThat(
              bytes("/api/v1/documents/" + id + "/pages/1.png?quote=Ada%20Lorne")
                  .headers()
                  .firstValue("X-Highlighted-Runs"))
          .hasValue("0");

      assertThat(http.get("/api/v1/documents/" + id + "/pages/3.png").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/documents/" + id + "/pages/0.png").status()).isEqualTo(404);
      assertThat(
              http.get("/api/v1/documents/" + mdId + "/pages/1.png")
                  .json()
                  .get("error")
                  .get("message")
                  .asText())
          .contains("not a PDF");
      assertThat(http.get("/api/v1/documents/0123456789abcdef/pages/1.png").status())
          .isEqualTo(404);
      var tooLong = http.get(page + "?quote=" + "x".repeat(2001));
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.json().get("error").get("field").asText()).isEqualTo("quote");
    } finally {
      http.delete("/api/v1/documents/" + id);
      http.delete("/api/v1/documents/" + mdId);
    }
  }

  static java.net.http.HttpResponse<byte[]> bytes(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + path)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode firstCitation(String question) throws Exception {
    JsonNode a = http.ask(question).json();
    assertThat(a.get("abstained").asBoolean()).as(a.toString()).isFalse();
    return a.get("citations").get(0);
  }

  static byte[] pdf() throws Exception {
    Path file = tmp.resolve("lighthouse.pdf");
    TestPdfs.write(
        file,
        "Kettle Point lighthouse",
        new String[] {
          "The Kettle Point lighthouse was built in 1871 by the engineer Mara Quill.",
          "Its lamp can be seen from 22 nautical miles away on a clear night."
        });
    return Files.readAllBytes(file);
  }
}
