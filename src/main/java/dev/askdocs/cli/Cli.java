package dev.askdocs.cli;

import dev.askdocs.App;
import dev.askdocs.AskdocsException;
import dev.askdocs.BadInputException;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.answer.RelatedPassage;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigBuilder;
import dev.askdocs.config.ConfigException;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.config.Version;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.ServerFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code askdocs} command and its sub-commands. Flags override environment variables. */
@Command(
    name = "askdocs",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.BuildVersion.class,
    description = "Answers questions about a folder of documents, with cited sources.",
    subcommands = {
      Cli.Serve.class,
      Cli.Ingest.class,
      Cli.Ask.class,
      EvalCommand.class,
      BenchCommand.class,
      SolrCommand.class,
      LoadCommand.class,
      BackupCommand.Backup.class,
      BackupCommand.Restore.class
    })
final class Cli {
  static final int EXIT_BAD_INPUT = 2;

  private final Config config;

  Cli(Config config) {
    this.config = config;
  }

  /** The settings from the environment, for sub-commands declared outside this class. */
  Config config() {
    return config;
  }

  static int handleError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof BadInputException || e instanceof ConfigException) {
      err.println("askdocs: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    if (e instanceof AskdocsException) {
      err.println("askdocs: " + e.getMessage());
      return 1;
    }
    err.println("askdocs: unexpected error: " + e);
    e.printStackTrace(err);
    return 1;
  }

  /** Options shared by the sub-commands. */
  static final class Common {
    @Option(
        names = "--corpus",
        description = "Folder of documents (ASKDOCS_CORPUS_DIR, default corpus).")
    Path corpus;

    @Option(
        names = "--index",
        description = "Index folder (ASKDOCS_INDEX_DIR, default data/index).")
    Path index;

    Config apply(Config c) {
      return apply(c.toBuilder()).build();
    }

    /** The options given, over the settings of {@code b}. */
    ConfigBuilder apply(ConfigBuilder b) {
      if (corpus != null) {
        b.set(Config.CORPUS_DIR, corpus);
      }
      if (index != null) {
        b.set(Config.INDEX_DIR, index);
      }
      return b;
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Ingest the corpus folder (only what changed) and serve the chat page and API.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.ParentCommand Cli parent;
    @CommandLine.Mixin Common common = new Common();

    @Option(names = "--port", description = "HTTP port (ASKDOCS_PORT, default 7070).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (ASKDOCS_HOST, default 127.0.0.1).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
      ConfigBuilder b = common.apply(parent.config.toBuilder());
      if (port != null) {
        b.set(Config.PORT, port);
      }
      if (host != null) {
        b.set(Config.HOST, host);
      }
      Config c = b.build();
      App app = App.start(c);
      CountDownLatch stopRequested = new CountDownLatch(1);
      StopSignals.onStop(stopRequested::countDown);
      AtomicBoolean closed = new AtomicBoolean();
      Runnable closeOnce =
          () -> {
            if (closed.compareAndSet(false, true)) {
              app.close();
            }
          };
      // Any other way out (a signal the JVM would not hand over, System.exit) still closes it.
      Runtime.getRuntime().addShutdownHook(new Thread(closeOnce, "shutdown"));
      System.out.printf("askdocs is serving http://%s:%d%n", c.host(), app.port());
      stopRequested.await();
      closeOnce.run();
      return 0;
    }
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description =
          "Bring the index in line with a folder: add new and changed files, remove deleted ones.")
  static final class Ingest implements Callable<Integer> {
    @CommandLine.ParentCommand Cli parent;
    @CommandLine.Mixin Common common = new Common();

    @Parameters(
        arity = "0..1",
        paramLabel = "DIR",
        description = "Folder to ingest (default: the corpus folder).")
    Path dir;

    @Override
    public Integer call() throws InterruptedException {
      Config c = common.apply(parent.config);
      Path folder = dir != null ? dir : c.corpusDir();
      // A running server holds the index: it is the one writer, so it is asked to ingest.
      Optional<ServerFile> server =
          c.index().backend() == IndexSettings.Backend.LUCENE
              ? RemoteIngest.runningServer(c.indexDir())
              : Optional.empty();
      if (server.isPresent()) {
        return ingestOnServer(server.get(), c, folder);
      }
      try (App app = App.open(c, false)) {
        IngestReport r = app.ingest(folder);
        System.out.println(r.summary());
        r.skipped().forEach(s -> System.out.println("  skipped " + s.source() + ": " + s.reason()));
      }
      return 0;
    }

    private static int ingestOnServer(ServerFile server, Config c, Path folder)
        throws InterruptedException {
      RemoteIngest.IngestOutcome outcome =
          new RemoteIngest(server, RemoteIngest.keyFrom(c.api()), System.out).ingest(folder);
      if (outcome.error() != null) {
        throw new AskdocsException("the server's ingest failed: " + outcome.error());
      }
      IngestReport r = RemoteIngest.report(outcome.report());
      System.out.println(r.summary());
      r.skipped().forEach(s -> System.out.println("  skipped " + s.source() + ": " + s.reason()));
      return 0;
    }
  }

  @Command(
      name = "ask",
      mixinStandardHelpOptions = true,
      description = "Answer one question from the documents and print the answer with its sources.")
  static final class Ask implements Callable<Integer> {
    @CommandLine.ParentCommand Cli parent;
    @CommandLine.Mixin Common common = new Common();

    @Option(
        names = {"-k", "--top-k"},
        description = "Passages to read (ASKDOCS_TOP_K, default 5).")
    Integer topK;

    @Parameters(paramLabel = "QUESTION", description = "The question, in quotes.")
    String question;

    @Override
    public Integer call() {
      Config c = common.apply(parent.config);
      if (question == null || question.isBlank()) {
        throw new BadInputException("blank_field", "question", "the question must not be blank");
      }
      if (question.length() > c.maxQuestionChars()) {
        throw new BadInputException(
            "too_long",
            "question",
            "the question is "
                + question.length()
                + " characters; the limit is "
                + c.maxQuestionChars());
      }
      int k = topK != null ? topK : c.topK();
      if (k < 1 || k > Config.MAX_TOP_K) {
        throw new BadInputException(
            "out_of_range", "top-k", "--top-k must be between 1 and " + Config.MAX_TOP_K);
      }
      try (App app = App.open(c, true)) {
        // A shared Solr collection is ingested by `ingest` or `serve`, not by a question.
        if (!app.readOnly() && c.index().backend() == IndexSettings.Backend.LUCENE) {
          app.ingest(c.corpusDir());
        }
        print(app.answerer().ask(question.strip(), k));
      }
      return 0;
    }

    private static void print(QuestionAnswerer.Result r) {
      System.out.println(r.answer().text());
      if (r.answer().notice() != null) {
        System.out.println();
        System.out.println("Note: " + r.answer().notice());
      }
      if (!r.answer().unsupportedClaims().isEmpty()) {
        System.out.println();
        System.out.println("Not supported by the cited sources:");
        r.answer().unsupportedClaims().forEach(c -> System.out.println("- " + c));
      }
      if (!r.answer().citations().isEmpty()) {
        System.out.println();
        System.out.println("Sources:");
        for (Citation cit : r.answer().citations()) {
          String page = cit.location() == null ? "" : ", " + cit.location();
          System.out.printf(
              "[%d] %s (%s%s)%n    \"%s\"%n",
              cit.n(), cit.title(), cit.source(), page, cit.quote());
        }
      }
      if (!r.answer().seeAlso().isEmpty()) {
        System.out.println();
        System.out.println("Closest passages (not answers):");
        for (RelatedPassage p : r.answer().seeAlso()) {
          System.out.printf("- %s (%s)%n", p.title(), p.source());
        }
      }
    }
  }

  /** {@code --version}: the version Maven built. */
  static final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"askdocs " + Version.current()};
    }
  }
}
