package dev.askdocs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.AskdocsException;
import dev.askdocs.BadInputException;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.ServerFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code askdocs ingest} while a server holds the index: the server is the index's one writer, so
 * the command asks it to ingest ({@code POST /api/v1/admin/ingest}) and shows the progress until
 * the server's ingest is done, then its report, as a local ingest prints it.
 */
final class RemoteIngest {
  static final Duration POLL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerFile server;
  private final String key;
  private final PrintStream out;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param key the API key to send, or null when the server needs none
   */
  RemoteIngest(ServerFile server, String key, PrintStream out) {
    this.server = server;
    this.key = key;
    this.out = out;
  }

  /** The server named in the index folder, if it answers. */
  static Optional<ServerFile> runningServer(Path indexDir) {
    Optional<ServerFile> file = ServerFile.read(indexDir);
    if (file.isEmpty()) {
      return file;
    }
    HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      probe.send(
          HttpRequest.newBuilder(URI.create(file.get().baseUrl() + "/health"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return file;
    } catch (IOException e) {
      return Optional.empty(); // a file left by a server that is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The key this deployment's settings give: the first of ASKDOCS_API_KEYS or of its file. */
  static String keyFrom(ApiSettings api) {
    if (!api.keys().isEmpty()) {
      return api.keys().get(0);
    }
    if (api.keysFile() != null) {
      try {
        return Files.readAllLines(api.keysFile()).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .findFirst()
            .orElse(null);
      } catch (IOException e) {
        throw new AskdocsException("cannot read the API keys file " + api.keysFile(), e);
      }
    }
    return null;
  }

  /**
   * Asks the server to ingest {@code folder}, which must be its corpus folder, and waits.
   *
   * @throws BadInputException when {@code folder} is not the server's corpus folder
   * @throws AskdocsException when the server refuses or its ingest fails
   */
  IngestOutcome ingest(Path folder) throws InterruptedException {
    Path wanted = canonical(folder);
    if (!wanted.equals(canonical(Path.of(server.corpus())))) {
      throw new BadInputException(
          "bad_value",
          "DIR",
          "the askdocs server on port "
              + server.port()
              + " (process "
              + server.pid()
              + ") holds this index and ingests its own corpus folder "
              + server.corpus()
              + ", not "
              + wanted
              + "; put the files there, or stop the server to ingest another folder");
    }
    out.printf(
        "a server holds the index (port %d, process %d): asking it to ingest %s%n",
        server.port(), server.pid(), server.corpus());
    JsonNode status = send("POST", "/api/v1/admin/ingest", 202);
    long id = status.get("request").get("id").asLong();
    String shown = "";
    while (true) {
      JsonNode request = status.get("request");
      String state = request.get("state").asText();
      if (state.equals("done")) {
        return new IngestOutcome(request.get("report"), null);
      }
      if (state.equals("failed")) {
        return new IngestOutcome(null, request.get("error").asText());
      }
      String line = describe(state, status.get("running"));
      if (!line.equals(shown)) {
        out.println(line);
        shown = line;
      }
      Thread.sleep(POLL.toMillis());
      status = send("GET", "/api/v1/admin/ingest/" + id, 200);
    }
  }

  /** The server's report, as a local ingest would have made it. */
  static IngestReport report(JsonNode report) {
    try {
      return JSON.treeToValue(report, IngestReport.class);
    } catch (IOException e) {
      throw new AskdocsException("the askdocs server sent an unreadable report: " + report, e);
    }
  }

  /** How a server's ingest ended: its report, or why it failed. */
  record IngestOutcome(JsonNode report, String error) {}

  private static String describe(String state, JsonNode running) {
    if (running == null || running.isNull()) {
      return "  " + state;
    }
    String what =
        running.get("phase").asText()
            + " "
            + running.get("filesDone").asInt()
            + "/"
            + running.get("filesTotal").asInt()
            + " files";
    return state.equals("queued")
        ? "  queued behind the server's "
            + running.get("trigger").asText()
            + " ingest ("
            + what
            + ")"
        : "  " + what;
  }

  private JsonNode send(String method, String path, int expected) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
              .timeout(Duration.ofSeconds(30))
              .method(method, HttpRequest.BodyPublishers.noBody());
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      HttpResponse<String> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new AskdocsException(
            "lost the askdocs server at " + server.baseUrl() + ": " + e.getMessage(), e);
      }
      if (r.statusCode() == 429 && attempt < 10) {
        long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
        Thread.sleep(Math.max(1, wait) * 1000);
        continue;
      }
      if (r.statusCode() != expected) {
        throw ServerReplies.refused(server.baseUrl(), "to ingest", r);
      }
      try {
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new AskdocsException("the askdocs server sent an unreadable answer: " + r.body(), e);
      }
    }
  }

  private static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs; // not there: compared as written, and refused unless it is the server's
    }
  }
}
