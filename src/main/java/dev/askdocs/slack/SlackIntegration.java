package dev.askdocs.slack;

import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.chat.ChatService;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.config.SlackSettings;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The chat integrations, wired: Slack's slash command ({@code POST /slack/commands}) and Events API
 * ({@code POST /slack/events}) when both Slack secrets are set, and Mattermost-compatible hooks
 * ({@code POST /hooks/mattermost}) when a Mattermost token is set. Routes that are off are not
 * registered, so they answer 404; start-up logs once which are on. Slack work runs on a small
 * bounded pool of worker threads, stopped by {@link #close()}.
 */
public final class SlackIntegration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackIntegration.class);

  static final int WORKERS = 2;
  static final int QUEUE = 32;
  static final int SEEN_EVENTS = 10_000;

  /**
   * The longest a Slack request waits for an answering slot before it is refused: Slack gives up on
   * a reply after 3 seconds.
   */
  static final Duration SLACK_ADMISSION_WAIT = Duration.ofSeconds(1);

  /** Slack retries for about five minutes after the first delivery; an hour is plenty. */
  static final Duration SEEN_EVENTS_TTL = Duration.ofHours(1);

  /** How often claims older than {@link #SEEN_EVENTS_TTL} are removed from the shared store. */
  static final Duration CLAIM_CLEANUP_EVERY = Duration.ofHours(1);

  private final ThreadPoolExecutor workers;
  private final SlackWebApi web;
  private final SlashCommands commands;
  private final SlackEvents events;
  private final MattermostHooks mattermost;
  private final SeenEvents seen;
  private final java.util.concurrent.ScheduledExecutorService cleanup;

  private SlackIntegration(
      SlashCommands commands,
      SlackEvents events,
      MattermostHooks mattermost,
      SlackWebApi web,
      ThreadPoolExecutor workers,
      SeenEvents seen,
      java.util.concurrent.ScheduledExecutorService cleanup) {
    this.seen = seen;
    this.cleanup = cleanup;
    this.commands = commands;
    this.events = events;
    this.mattermost = mattermost;
    this.web = web;
    this.workers = workers;
  }

  private static String readToken(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file).strip();
    } catch (java.io.IOException e) {
      throw new dev.askdocs.config.ConfigException(
          dev.askdocs.config.ConfigFile.VARIABLE,
          "cannot read the Mattermost token file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Builds what {@code settings} turns on.
   *
   * @param ready true once questions can be answered (the start-up ingest has finished)
   * @param limiter admits every answer, shared with the HTTP API; Slack waits for a slot at most
   *     {@link #SLACK_ADMISSION_WAIT}, since Slack wants a reply within 3 seconds
   */
  public static SlackIntegration create(
      SlackSettings settings,
      QuestionAnswerer answerer,
      int topK,
      int maxQuestionChars,
      BooleanSupplier ready,
      ConcurrencyLimiter limiter,
      Clock clock) {
    return create(
        settings,
        ConfigFile.empty(),
        answerer,
        null,
        topK,
        maxQuestionChars,
        ready,
        limiter,
        clock);
  }

  /**
   * {@link #create(SlackSettings, QuestionAnswerer, int, int, BooleanSupplier, ConcurrencyLimiter,
   * Clock)} with the channel and token mappings of {@code file}.
   *
   * @param chat answers a question in a Slack thread as a turn of the thread's conversation, and
   *     keeps the events already handled in its store, shared by every process on the same backend;
   *     null for neither
   */
  public static SlackIntegration create(
      SlackSettings settings,
      ConfigFile file,
      QuestionAnswerer answerer,
      ChatService chat,
      int topK,
      int maxQuestionChars,
      BooleanSupplier ready,
      ConcurrencyLimiter limiter,
      Clock clock) {
    Replies replies =
        new Replies(answerer, chat, topK, maxQuestionChars, ready, ChannelCollections.of(file));
    DocumentLinks links = new DocumentLinks(settings.publicUrl());
    MattermostHooks mattermost = null;
    List<String> tokens = new java.util.ArrayList<>(settings.mattermostTokens());
    List<Optional<String>> tokenCollections = new java.util.ArrayList<>();
    // Tokens from the environment ask default, as before collections, while it exists.
    boolean hasDefault =
        file.collections().isEmpty()
            || file.collections().stream()
                .anyMatch(c -> c.name().equals(dev.askdocs.config.CollectionSettings.DEFAULT));
    tokens.forEach(
        t ->
            tokenCollections.add(
                hasDefault
                    ? Optional.of(dev.askdocs.config.CollectionSettings.DEFAULT)
                    : Optional.empty()));
    for (ConfigFile.MattermostToken m : file.mattermost()) {
      tokens.add(m.token() != null ? m.token() : readToken(m.tokenFile()));
      tokenCollections.add(Optional.of(m.collection()));
    }
    if (!tokens.isEmpty()) {
      mattermost =
          new MattermostHooks(
              tokens,
              tokenCollections,
              replies,
              new MattermostText(links),
              settings.responseType(),
              limiter,
              settings.mattermostThreads()
                  ? new MattermostThreads(settings.mattermostUrl(), settings.mattermostBotToken())
                  : null);
    }
    if (!settings.slackEnabled()) {
      logOff(settings, mattermost != null);
      return new SlackIntegration(null, null, mattermost, null, null, null, null);
    }
    ThreadPoolExecutor workers = workers();
    SlackWebApi web = new SlackWebApi(settings.botToken(), settings.apiUrl());
    SlackRequestVerifier verifier = new SlackRequestVerifier(settings.signingSecret(), clock);
    AnswerBlocks blocks = new AnswerBlocks(links);
    SlashCommands commands =
        new SlashCommands(
            verifier,
            replies,
            blocks,
            web,
            workers,
            settings.responseType(),
            settings.inlineDeadline(),
            () -> limiter.admit(SLACK_ADMISSION_WAIT));
    SeenEvents seen =
        new SeenEvents(
            SEEN_EVENTS, SEEN_EVENTS_TTL, clock, chat == null ? null : chat.conversations());
    SlackEvents events =
        new SlackEvents(
            verifier,
            replies,
            blocks,
            web,
            workers,
            seen,
            () -> limiter.admit(SLACK_ADMISSION_WAIT));
    logOn(settings, mattermost != null);
    return new SlackIntegration(
        commands,
        events,
        mattermost,
        web,
        workers,
        seen,
        chat == null ? null : claimCleanup(chat.conversations()));
  }

  /**
   * Removes old event claims from the shared store at start and every {@link #CLAIM_CLEANUP_EVERY},
   * on a thread of its own, instead of inside each claim. A failed round is logged and the next one
   * tries again.
   */
  private static java.util.concurrent.ScheduledExecutorService claimCleanup(
      dev.askdocs.chat.ConversationStore store) {
    java.util.concurrent.ScheduledExecutorService s =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "slack-claim-cleanup");
              t.setDaemon(true);
              return t;
            });
    s.scheduleWithFixedDelay(
        () -> {
          try {
            int n = store.forgetClaims(SEEN_EVENTS_TTL);
            LOG.debug("forgot {} Slack event claims older than {}", n, SEEN_EVENTS_TTL);
          } catch (RuntimeException e) {
            // The next round tries again; claims only take room meanwhile.
            LOG.warn("removing old Slack event claims failed: {}", e.toString());
          }
        },
        0,
        CLAIM_CLEANUP_EVERY.toMinutes(),
        TimeUnit.MINUTES);
    return s;
  }

  /** Slack answers queued or being written now (0 when Slack is off): a drained queue reads 0. */
  public long answersInProgress() {
    return workers == null ? 0 : workers.getTaskCount() - workers.getCompletedTaskCount();
  }

  /** Slack events delivered since start, duplicates included (0 when Slack is off). */
  public long events() {
    return seen == null ? 0 : seen.events();
  }

  /** Slack event deliveries recognised as already handled (retries, mention and message). */
  public long duplicateEvents() {
    return seen == null ? 0 : seen.duplicates();
  }

  /** Registers the routes that are on. */
  public void routes(JavalinConfig cfg) {
    if (commands != null) {
      cfg.routes.post("/slack/commands", ctx -> respond(ctx, commands::handle));
      cfg.routes.post("/slack/events", ctx -> respond(ctx, events::handle));
    }
    if (mattermost != null) {
      cfg.routes.post("/hooks/mattermost", ctx -> respond(ctx, mattermost::handle));
    }
  }

  private static void respond(Context ctx, Function<WebhookRequest, WebhookReply> handler) {
    WebhookReply reply = handler.apply(new WebhookRequest(ctx.headerMap(), ctx.bodyAsBytes()));
    reply.headers().forEach(ctx::header);
    ctx.status(reply.status());
    if (reply.contentType() != null) {
      ctx.contentType(reply.contentType()).result(reply.body());
    }
  }

  /**
   * The workers that answer after the webhook was acknowledged. A task carries the log context (the
   * request id) of the thread that handed it over, so the answer's log lines name the Slack request
   * they belong to.
   */
  static ThreadPoolExecutor workers() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        WORKERS,
        WORKERS,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        r -> {
          Thread t = new Thread(r, "slack-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          t.setUncaughtExceptionHandler((th, e) -> LOG.error("Slack work failed", e));
          return t;
        }) {
      @Override
      public void execute(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        super.execute(
            () -> {
              if (context == null) {
                MDC.clear();
              } else {
                MDC.setContextMap(context);
              }
              try {
                task.run();
              } finally {
                MDC.clear();
              }
            });
      }
    };
  }

  private static void logOn(SlackSettings s, boolean mattermost) {
    LOG.info(
        "Slack integration on: POST /slack/commands and /slack/events; Web API at {}; answers {}{}",
        s.apiUrl(),
        s.responseType().id(),
        s.publicUrl().isEmpty()
            ? "; citations unlinked (set ASKDOCS_PUBLIC_URL to link them)"
            : "");
    if (!Charset.defaultCharset().equals(StandardCharsets.UTF_8)) {
      LOG.warn(
          "the JVM's default charset is {}, not UTF-8: Slack messages with non-ASCII text will fail"
              + " signature checks. Start Java with -Dfile.encoding=UTF-8 (or LANG=C.UTF-8)",
          Charset.defaultCharset());
    }
    LOG.info("Mattermost hooks {}", mattermost ? "on: POST /hooks/mattermost" : "off");
  }

  private static void logOff(SlackSettings s, boolean mattermost) {
    String missing =
        s.botToken().isEmpty() && s.signingSecret().isEmpty()
            ? "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are"
            : s.botToken().isEmpty() ? "SLACK_BOT_TOKEN is" : "SLACK_SIGNING_SECRET is";
    LOG.info("Slack integration off: {} not set, so /slack/* answers 404", missing);
    LOG.info(
        "Mattermost hooks {}",
        mattermost ? "on: POST /hooks/mattermost" : "off: ASKDOCS_MATTERMOST_TOKEN is not set");
  }

  @Override
  public void close() {
    if (cleanup != null) {
      cleanup.shutdownNow();
    }
    if (workers != null) {
      workers.shutdown();
      try {
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
          workers.shutdownNow();
        }
      } catch (InterruptedException e) {
        workers.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (web != null) {
      web.close();
    }
  }
}
