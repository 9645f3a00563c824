package dev.askdocs;

import dev.askdocs.access.AccessPolicy;
import dev.askdocs.answer.AnswerListener;
import dev.askdocs.answer.Answerer;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.ExtractiveAnswerer;
import dev.askdocs.answer.LlmAnswerer;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.answer.SupportCheck;
import dev.askdocs.backup.BackupManifest;
import dev.askdocs.backup.Backups;
import dev.askdocs.chat.ChatService;
import dev.askdocs.chat.ConversationStore;
import dev.askdocs.chat.HeuristicRewriter;
import dev.askdocs.chat.LlmRewriter;
import dev.askdocs.chat.QuestionRewriter;
import dev.askdocs.chunk.Chunker;
import dev.askdocs.config.CollectionSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.IndexSettings;
import dev.askdocs.config.SiteSettings;
import dev.askdocs.crawl.SiteCrawler;
import dev.askdocs.crawl.SiteFollower;
import dev.askdocs.embed.BatchingEmbedder;
import dev.askdocs.embed.CachingEmbedder;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.eval.Deployment;
import dev.askdocs.feedback.FeedbackLog;
import dev.askdocs.http.HttpApi;
import dev.askdocs.http.ServiceState;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.ConversationIndex;
import dev.askdocs.index.IndexLockedException;
import dev.askdocs.index.lucene.IndexTuning;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.index.lucene.LuceneConversationIndex;
import dev.askdocs.index.solr.SolrChunkIndex;
import dev.askdocs.index.solr.SolrConversationIndex;
import dev.askdocs.ingest.DocumentUploads;
import dev.askdocs.ingest.FolderWatcher;
import dev.askdocs.ingest.IngestProgress;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.IngestRuns;
import dev.askdocs.ingest.Ingestor;
import dev.askdocs.ingest.ServerFile;
import dev.askdocs.ingest.Source;
import dev.askdocs.ingest.StartupIngest;
import dev.askdocs.llm.LlmClient;
import dev.askdocs.llm.LlmStatus;
import dev.askdocs.llm.Prompts;
import dev.askdocs.load.DocumentLoaders;
import dev.askdocs.load.Ocr;
import dev.askdocs.load.OcrStatus;
import dev.askdocs.metrics.Metrics;
import dev.askdocs.retrieve.Fusion;
import dev.askdocs.retrieve.HybridRetriever;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.slack.SlackIntegration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that creates askdocs' services, and closes them in reverse
 * order. {@link #start} serves HTTP at once and builds the index in the background; {@link #open}
 * gives the services without HTTP, for the command line.
 */
public final class App implements AutoCloseable, ServiceState, Deployment {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /** Sentences shared by consecutive chunks. */
  public static final int CHUNK_OVERLAP_SENTENCES = 1;

  /** Chunks are embedded with their document's title in front; see docs/EVALUATION.md. */
  public static final boolean TITLE_IN_EMBEDDING = true;

  /** Question and sentence vectors kept for answering (about 1.6 KB each). */
  static final int EMBEDDING_CACHE_ENTRIES = 20_000;

  /** Questions per model run at most when concurrent questions are batched. */
  static final int QUESTION_BATCH_MAX = 32;

  /** The conversations' SolrCloud collection is the chunks' with this after its name. */
  static final String CONVERSATIONS_SUFFIX = "_conversations";

  private final Config config;
  private final Embedder embedder;
  private final ChunkIndex index;
  private final LuceneVectorCache sentenceVectors;
  private final boolean readOnly;
  private final IngestRuns runs;
  private final AccessPolicy access;
  private final DocumentUploads uploads;
  private final Retriever retriever;
  private final QuestionAnswerer answerer;
  private final ExtractiveAnswerer extractive;
  private final LlmClient llm;
  private final Supplier<Optional<Ocr>> ocr;
  private final ConversationIndex conversations;
  private final ChatService chat;
  private final Metrics metrics;
  private final StartupIngest startup;
  private SlackIntegration slack;
  private final List<FolderWatcher> watchers = new java.util.ArrayList<>();
  private final List<SiteFollower> followers = new java.util.ArrayList<>();
  private HttpApi http;
  private FeedbackLog feedback;

  private App(Config config, boolean allowReadOnly) {
    this.config = config;
    // What is opened so far, closed in reverse order when a later step fails.
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      this.embedder =
          keep(
              opened,
              OnnxMiniLmEmbedder.load(
                  config.embeddingModel(),
                  Runtime.getRuntime().availableProcessors(),
                  config.indexDir().resolve("model-cache")));
      ChunkIndex chunks;
      boolean ro = false;
      try {
        chunks = openIndex(config, embedder, false);
      } catch (IndexLockedException e) {
        if (!allowReadOnly || !Files.isDirectory(config.indexDir())) {
          throw e;
        }
        LOG.info("{}; answering from it read-only", e.getMessage());
        chunks = openIndex(config, embedder, true);
        ro = true;
      }
      this.index = keep(opened, chunks);
      this.readOnly = ro;
      // A read-only process (ask beside a server) cannot open the cache the server writes; it
      // embeds sentences when it needs them.
      this.sentenceVectors = ro ? null : keep(opened, openSentenceVectors(config, embedder));
      Chunker chunker =
          new Chunker(embedder::countTokens, embedder.maxTokens(), CHUNK_OVERLAP_SENTENCES);
      // Tesseract is looked for beside the rest of start-up: /health and a first scan wait.
      this.ocr = Ocr.detectInBackground();
      Ingestor ingestor =
          new Ingestor(
              DocumentLoaders.standard(DocumentLoaders.DEFAULT_MAX_BYTES, this.ocr),
              chunker,
              embedder,
              index,
              index,
              Clock.systemUTC(),
              TITLE_IN_EMBEDDING,
              sentenceVectors,
              config.index().pooledSentenceVectors(),
              Ingestor.DEFAULT_INDEXERS,
              config.index().commitEveryFiles());
      List<Source> sources = sources(config);
      this.access = new AccessPolicy(config.collections(), config.file().collections().isEmpty());
      this.runs = keep(opened, new IngestRuns(ingestor, sources, Clock.systemUTC()));
      this.startup =
          keep(
              opened,
              new StartupIngest(runs, config.index().backend() == IndexSettings.Backend.SOLR));
      this.uploads = new DocumentUploads(ingestor, embedder, index, sources, runs.writer());
      // Answering goes through a cache; ingest does not, so documents don't push answers out.
      // Concurrent questions share model runs (float model only: int8 vectors depend on the batch).
      Embedder batched =
          BatchingEmbedder.over(
              embedder, Runtime.getRuntime().availableProcessors(), QUESTION_BATCH_MAX);
      Embedder cached = new CachingEmbedder(batched, EMBEDDING_CACHE_ENTRIES, sentenceVectors);
      this.retriever =
          new HybridRetriever(
              index, cached, config.fusionCandidates(), Fusion.parse(config.fusion()));
      this.extractive = new ExtractiveAnswerer(cached, config.abstainThreshold());
      // Meters count from here on; only start's HTTP server serves them.
      this.metrics = keep(opened, new Metrics());
      AnswerListener answerMetrics = metrics.answers();
      Answerer chosen = extractive;
      QuestionRewriter rewriter = new HeuristicRewriter();
      LlmClient client = null;
      Prompts prompts = Prompts.load(config.llm().promptsDir());
      if (config.llm().enabled()) {
        client = keep(opened, LlmClient.openAi(config.llm()));
        chosen =
            new LlmAnswerer(
                client,
                prompts,
                new SupportCheck(cached),
                extractive,
                config.llm().deadline(),
                answerMetrics);
        metrics.bindLlm(client.calls());
        rewriter =
            new LlmRewriter(
                client, prompts, rewriter, config.llm().timeout(), config.maxQuestionChars());
      }
      this.llm = client;
      this.answerer = new QuestionAnswerer(retriever, chosen, answerMetrics);
      metrics.bindIngest(runs.totals());
      metrics.bindIndex(index::stats);
      this.conversations = keep(opened, openConversations(config, readOnly));
      this.chat =
          new ChatService(
              answerer,
              new ConversationStore(conversations, config.conversations(), Clock.systemUTC()),
              rewriter,
              config.llm().deadline(),
              Clock.systemUTC());
      if (config.llm().enabled()) {
        LOG.info(
            "answers are written by a language model and checked against their passages ({});"
                + " extractive when it fails",
            config.llm());
      } else {
        LOG.info("answers are extractive; set ASKDOCS_LLM_BASE_URL for answers a model writes");
      }
    } catch (RuntimeException e) {
      closeInReverse(opened, e);
      throw e;
    }
  }

  /** {@code resource}, kept in {@code opened} (null is not kept). */
  private static <T extends AutoCloseable> T keep(Deque<AutoCloseable> opened, T resource) {
    if (resource != null) {
      opened.push(resource);
    }
    return resource;
  }

  /** Closes {@code opened}, newest first; a failure to close is added to {@code failure}. */
  private static void closeInReverse(Deque<AutoCloseable> opened, RuntimeException failure) {
    for (AutoCloseable resource : opened) {
      try {
        resource.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Where conversations are kept: on SolrCloud a second collection beside the chunks' (every node
   * sees every conversation), else a small Lucene index in the index folder's {@code
   * conversations/}; in memory for a process that only reads an index another one holds.
   */
  private static ConversationIndex openConversations(Config config, boolean readOnly) {
    IndexSettings settings = config.index();
    if (settings.backend() == IndexSettings.Backend.SOLR) {
      return SolrConversationIndex.open(
          settings.solrUrls(), settings.solrCollection() + CONVERSATIONS_SUFFIX);
    }
    return readOnly
        ? LuceneConversationIndex.inMemory()
        : LuceneConversationIndex.open(config.indexDir().resolve(LuceneConversationIndex.FOLDER));
  }

  private static ChunkIndex openIndex(Config config, Embedder embedder, boolean readOnly) {
    IndexSettings settings = config.index();
    if (settings.backend() == IndexSettings.Backend.SOLR) {
      // Many processes share a collection: each may read; SolrWriterLease lets one ingest at a
      // time.
      LOG.info(
          "index: SolrCloud collection {} through {}",
          settings.solrCollection(),
          settings.solrUrls());
      return SolrChunkIndex.open(
          settings.solrUrls(),
          settings.solrCollection(),
          embedder.modelName(),
          embedder.dimension());
    }
    Path dir = config.indexDir();
    IndexTuning tuning = IndexTuning.defaults().withVectorBeam(settings.vectorBeam());
    return readOnly
        ? LuceneChunkIndex.openReadOnly(dir, embedder.modelName(), embedder.dimension(), tuning)
        : LuceneChunkIndex.open(dir, embedder.modelName(), embedder.dimension(), tuning);
  }

  /**
   * The sentence-vector cache, or null when it cannot be opened (another process on this machine
   * holds it: two askdocs processes sharing a SolrCloud collection and one index folder). It is
   * only a cache: without it answers embed their sentences, as they did before it existed.
   */
  private static LuceneVectorCache openSentenceVectors(Config config, Embedder embedder) {
    try {
      return LuceneVectorCache.open(
          config.indexDir().resolve(LuceneVectorCache.FOLDER),
          embedder.modelName(),
          embedder.dimension());
    } catch (AskdocsException e) {
      LOG.warn("{}; answers embed their sentences instead", e.getMessage());
      return null;
    }
  }

  /**
   * Loads the model and opens the index, without HTTP.
   *
   * @param allowReadOnly when another process holds the index, open it read-only instead of failing
   */
  public static App open(Config config, boolean allowReadOnly) {
    return new App(config, allowReadOnly);
  }

  /** Opens everything, starts HTTP, and ingests the corpus folder in the background. */
  public static App start(Config config) {
    return start(config, ConcurrencyLimiter.forCores(Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Like {@link #start(Config)}, with {@code limiter} admitting the answers of every front end
   * (HTTP, chat streams, the OpenAI-compatible API, Slack, Mattermost).
   */
  public static App start(Config config, ConcurrencyLimiter limiter) {
    App app = new App(config, false);
    try {
      app.serve(limiter);
    } catch (RuntimeException e) {
      app.close(); // what was opened so far, in reverse order
      throw e;
    }
    return app;
  }

  /** Starts HTTP, the chat integrations, the site crawls, the watchers and the start-up ingest. */
  private void serve(ConcurrencyLimiter limiter) {
    slack =
        SlackIntegration.create(
            config.slack(),
            config.file(),
            answerer,
            chat,
            config.topK(),
            config.maxQuestionChars(),
            this::ready,
            limiter,
            Clock.systemUTC());
    feedback = FeedbackLog.besideIndex(config.indexDir());
    http =
        HttpApi.start(
            new HttpApi.Services(
                config,
                answerer,
                chat,
                retriever,
                index,
                uploads,
                runs,
                this,
                feedback,
                limiter,
                access,
                slack::routes,
                metrics,
                this::backup));
    metrics.bindLimiter(limiter);
    metrics.bindSlackEvents(slack::events, slack::duplicateEvents);
    if (config.index().backend() == IndexSettings.Backend.LUCENE) {
      // `askdocs ingest` on this index finds the server here and asks it to ingest.
      ServerFile.of(config.host(), http.port(), config.corpusDir()).write(config.indexDir());
    }
    // An index built earlier answers at once; the corpus folder is checked for changes meanwhile,
    // and they become visible as they are committed.
    int documents = index.stats().documents();
    if (documents > 0) {
      startup.markReady();
      LOG.info(
          "serving the existing index ({} documents) while {} is checked for changes",
          documents,
          config.corpusDir());
    }
    followSites(); // creates the mirror folders, so that they are watched too
    // Watching starts before the start-up ingest, so nothing changed meanwhile is missed; the
    // watchers' ingests wait for the start-up ingest to finish (one writer, IngestRuns).
    for (Source s : runs.sources()) {
      if (config.watch().enabled() && Files.isDirectory(s.folder())) {
        watchers.add(
            FolderWatcher.start(
                s.folder(),
                settled -> runs.run(s, IngestRuns.WATCH, settled),
                config.watch().rescanInterval()));
      }
    }
    startup.start();
    if (llm != null) {
      // A wrong URL, key or model shows in the log and /health at once, not at the first question.
      Thread probe = new Thread(llm::probe, "llm-probe");
      probe.setDaemon(true);
      probe.start();
    }
  }

  /**
   * Every collection's folders, and for each of its web sites the folder its crawl mirrors the site
   * into ({@code sites/<collection>/<host>} beside the index folder).
   */
  private static List<Source> sources(Config config) {
    List<Source> out = new java.util.ArrayList<>();
    for (CollectionSettings c : config.collections()) {
      List<Path> folders = new java.util.ArrayList<>(c.folders());
      for (int i = 0; i < c.sites().size(); i++) {
        folders.add(siteMirror(config, c, i));
      }
      out.addAll(Source.of(c.name(), folders));
    }
    return out;
  }

  private static Path siteMirror(Config config, CollectionSettings c, int i) {
    SiteSettings site = c.sites().get(i);
    java.net.URI first = site.urls().isEmpty() ? site.sitemap() : site.urls().get(0);
    String host = first.getHost().replaceAll("[^A-Za-z0-9.-]", "_");
    return config
        .indexDir()
        .toAbsolutePath()
        .resolveSibling("sites")
        .resolve(c.name())
        .resolve(c.sites().size() == 1 ? host : host + "-" + (i + 1));
  }

  /**
   * Crawls every collection's web sites now and then on their schedules; a crawl that changed the
   * mirror asks for an ingest of it (the one writer, {@link IngestRuns}).
   */
  private void followSites() {
    for (CollectionSettings c : config.collections()) {
      for (int i = 0; i < c.sites().size(); i++) {
        SiteSettings site = c.sites().get(i);
        Path mirror = siteMirror(config, c, i);
        Source source =
            runs.sources().stream()
                .filter(s -> s.folder().equals(mirror))
                .findFirst()
                .orElseThrow();
        try {
          Files.createDirectories(mirror);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot create the site mirror " + mirror, e);
        }
        SiteFollower follower =
            new SiteFollower(
                new SiteCrawler(site, mirror),
                Duration.ofMinutes(site.recrawlMinutes()),
                () -> runs.run(source, IngestRuns.WATCH, file -> true));
        followers.add(follower);
        follower.start();
        LOG.info(
            "following {} for collection {} every {} min",
            site.effectivePrefix(),
            c.name(),
            site.recrawlMinutes());
      }
    }
  }

  /**
   * Blocks until the start-up ingest has finished.
   *
   * @throws AskdocsException if it failed or did not finish in time
   */
  public void awaitReady(Duration timeout) {
    startup.awaitReady(timeout);
  }

  /**
   * Writes a backup of the index (as of its last commit), the conversations, the sentence vectors,
   * the feedback log and the uploads into the new folder {@code target} (see {@link Backups}).
   *
   * @throws AskdocsException when the index is read-only here, or lives in SolrCloud (whose own
   *     backup is the way), or the copy fails
   */
  public BackupManifest backup(Path target) {
    if (readOnly) {
      throw new AskdocsException("the index is open read-only: another askdocs process writes it");
    }
    Path uploadsDir = config.corpusDir().resolve(DocumentUploads.FOLDER);
    if (feedback != null) {
      return new Backups(
              index, conversations, sentenceVectors, feedback, uploadsDir, Clock.systemUTC())
          .backup(target);
    }
    try (FeedbackLog log = FeedbackLog.besideIndex(config.indexDir())) {
      return new Backups(index, conversations, sentenceVectors, log, uploadsDir, Clock.systemUTC())
          .backup(target);
    }
  }

  /** Incrementally ingests {@code dir} into the index. */
  @Override
  public IngestReport ingest(Path dir) {
    if (readOnly) {
      throw new AskdocsException("the index is open read-only: another askdocs process writes it");
    }
    IngestReport report = runs.run(dir, IngestRuns.REQUEST, file -> true);
    startup.markReady();
    return report;
  }

  @Override
  public QuestionAnswerer answerer() {
    return answerer;
  }

  /** Questions within conversations. */
  public ChatService chat() {
    return chat;
  }

  @Override
  public Retriever retriever() {
    return retriever;
  }

  /** The default answerer, for evaluating its sentence scoring. */
  @Override
  public ExtractiveAnswerer extractiveAnswerer() {
    return extractive;
  }

  /** The embedding model, uncached. */
  @Override
  public Embedder embedder() {
    return embedder;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** Slack answers queued or being written now; 0 when Slack is off. */
  public long slackAnswersInProgress() {
    return slack == null ? 0 : slack.answersInProgress();
  }

  public int port() {
    if (http == null) {
      throw new IllegalStateException("not serving HTTP");
    }
    return http.port();
  }

  /** The port serving {@code /metrics} when {@code ASKDOCS_MANAGEMENT_PORT} is set, else -1. */
  public int managementPort() {
    if (http == null) {
      throw new IllegalStateException("not serving HTTP");
    }
    return http.managementPort();
  }

  @Override
  public boolean ready() {
    return startup.ready();
  }

  @Override
  public Optional<String> failure() {
    return startup.failure();
  }

  @Override
  public Optional<IngestReport> lastIngest() {
    return runs.last();
  }

  @Override
  public Optional<IngestProgress.Status> ingestProgress() {
    return runs.progress();
  }

  @Override
  public LlmStatus llm() {
    return llm == null ? LlmStatus.off() : llm.status();
  }

  @Override
  public OcrStatus ocr() {
    return OcrStatus.of(ocr.get());
  }

  @Override
  public void close() {
    if (http != null) {
      ServerFile.remove(config.indexDir());
      http.close();
    }
    if (feedback != null) {
      feedback.close();
    }
    if (slack != null) {
      slack.close(); // lets the Slack workers finish their answers while the index is still open
    }
    for (SiteFollower follower : followers) {
      follower.close();
    }
    for (FolderWatcher watcher : watchers) {
      watcher.close();
    }
    // The ingest thread writes the index: stop it at the next file and let it commit first.
    startup.close();
    runs.close();
    if (llm != null) {
      llm.close();
    }
    if (sentenceVectors != null) {
      sentenceVectors.close();
    }
    conversations.close();
    index.close();
    embedder.close();
    metrics.close();
  }
}
