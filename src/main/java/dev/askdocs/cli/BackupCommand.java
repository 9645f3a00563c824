package dev.askdocs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.App;
import dev.askdocs.AskdocsException;
import dev.askdocs.BadInputException;
import dev.askdocs.backup.BackupManifest;
import dev.askdocs.backup.Backups;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.index.solr.SolrChunkIndex;
import dev.askdocs.ingest.ServerFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code askdocs backup FOLDER} and {@code askdocs restore FOLDER} (docs/DEPLOYMENT.md). A backup
 * beside a running server asks the server for it ({@code POST /api/v1/admin/backup}), since the
 * server holds the index; without a server the command opens the index itself. A restore needs the
 * server stopped.
 */
final class BackupCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The longest a server's backup is waited for. */
  static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(30);

  private BackupCommand() {}

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description =
          "Copy the index, sentence vectors, feedback and uploads into a new folder; works while"
              + " the server runs.")
  static final class Backup implements Callable<Integer> {
    @CommandLine.ParentCommand Cli parent;
    @CommandLine.Mixin Cli.Common common = new Cli.Common();

    @Parameters(paramLabel = "FOLDER", description = "The new backup folder (must not exist).")
    Path folder;

    @Override
    public Integer call() {
      Config c = common.apply(parent.config());
      Path target = folder.toAbsolutePath().normalize();
      if (c.index().backend() == IndexSettings.Backend.SOLR) {
        System.err.println(
            "askdocs: "
                + SolrChunkIndex.SOLR_BACKUP_HINT.replace(
                    "<collection>", c.index().solrCollection()));
        return 1;
      }
      Optional<ServerFile> server = RemoteIngest.runningServer(c.indexDir());
      BackupManifest m;
      if (server.isPresent()) {
        System.out.printf(
            "a server holds the index (port %d, process %d): asking it for the backup%n",
            server.get().port(), server.get().pid());
        m = remote(server.get(), RemoteIngest.keyFrom(c.api()), target);
      } else {
        try (App app = App.open(c, false)) {
          m = app.backup(target);
        }
      }
      System.out.printf(
          "backed up %d documents (%d chunks, %s) to %s%n",
          m.documents(), m.chunks(), String.join(", ", m.contents()), target);
      return 0;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Restore a backup into the index folder of a stopped askdocs.")
  static final class Restore implements Callable<Integer> {
    @CommandLine.ParentCommand Cli parent;
    @CommandLine.Mixin Cli.Common common = new Cli.Common();

    @Parameters(paramLabel = "FOLDER", description = "A folder written by askdocs backup.")
    Path folder;

    @Override
    public Integer call() {
      Config c = common.apply(parent.config());
      Optional<ServerFile> server = RemoteIngest.runningServer(c.indexDir());
      if (server.isPresent()) {
        throw new AskdocsException(
            "an askdocs server (port "
                + server.get().port()
                + ", process "
                + server.get().pid()
                + ") is using "
                + c.indexDir()
                + ": stop it before restoring");
      }
      BackupManifest m = Backups.restore(folder, c.indexDir(), c.corpusDir());
      System.out.printf(
          "restored %d documents (%d chunks) backed up by askdocs %s at %s into %s%n",
          m.documents(), m.chunks(), m.askdocsVersion(), m.createdAt(), c.indexDir());
      return 0;
    }
  }

  private static BackupManifest remote(ServerFile server, String key, Path target) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/admin/backup"))
              .timeout(BACKUP_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      JSON.writeValueAsString(Map.of("target", target.toString()))));
    } catch (IOException e) {
      throw new AskdocsException("cannot write the request: " + e.getMessage(), e);
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> r;
    try {
      r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AskdocsException(
          "lost the askdocs server at " + server.baseUrl() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AskdocsException("interrupted while waiting for the backup", e);
    }
    if (r.statusCode() == 400) {
      throw new BadInputException("bad_value", "FOLDER", ServerReplies.message(r.body()));
    }
    if (r.statusCode() != 201) {
      throw ServerReplies.refused(server.baseUrl(), "the backup", r);
    }
    try {
      return JSON.readValue(r.body(), BackupManifest.class);
    } catch (IOException e) {
      throw new AskdocsException("the askdocs server sent an unreadable manifest: " + r.body(), e);
    }
  }
}
