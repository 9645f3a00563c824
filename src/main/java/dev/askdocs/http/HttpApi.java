package dev.askdocs.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.access.AccessDeniedException;
import dev.askdocs.access.AccessPolicy;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.OverloadedException;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.backup.BackupManifest;
import dev.askdocs.chat.ChatService;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.KeySettings;
import dev.askdocs.config.OidcSettings;
import dev.askdocs.feedback.FeedbackLog;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.ingest.DocumentUploads;
import dev.askdocs.ingest.IngestRuns;
import dev.askdocs.ingest.UploadRejectedException;
import dev.askdocs.metrics.Metrics;
import dev.askdocs.retrieve.Retriever;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API under {@code /api/v1}, {@code /health}, and the chat page (the
 * classpath folder {@code web/}, copied by {@link WebFolder}). Status codes for errors are decided
 * here and nowhere else.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /**
   * On shutdown, requests in flight get this long to finish (a question waits at most five seconds
   * for a slot, and a written answer at most its deadline); new ones are refused with 503.
   */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final Javalin javalin;
  private final ChatEndpoint chat;
  private final Javalin management;

  private HttpApi(Javalin javalin, ChatEndpoint chat, Javalin management) {
    this.javalin = javalin;
    this.chat = chat;
    this.management = management;
  }

  /**
   * What the server serves: the services {@code App} built, handed over in one value.
   *
   * @param ingestRuns the index's one writer, which {@code POST /api/v1/admin/ingest} asks to
   *     ingest
   * @param state whether the index is ready; {@code /api} and {@code /v1} routes that need the
   *     index answer 503 until it is
   * @param feedbackLog where {@code POST /api/v1/feedback} appends
   * @param limiter admits every answering request (questions, searches, chat streams, the
   *     OpenAI-compatible completions); the chat integrations share it
   * @param moreRoutes registers routes of other front ends (the chat integrations) on the same
   *     server; they share its limits and headers, and answer their own errors
   * @param metrics meters every request, and is served at {@code /metrics} (see {@link
   *     MetricsEndpoint})
   * @param backup writes a backup into a new folder, for {@code POST /api/v1/admin/backup}
   */
  public record Services(
      Config config,
      QuestionAnswerer answerer,
      ChatService chatService,
      Retriever retriever,
      ChunkIndex index,
      DocumentUploads uploads,
      IngestRuns ingestRuns,
      ServiceState state,
      FeedbackLog feedbackLog,
      ConcurrencyLimiter limiter,
      AccessPolicy access,
      Consumer<JavalinConfig> moreRoutes,
      Metrics metrics,
      Function<Path, BackupManifest> backup) {}

  /** Builds and starts the server on {@code config.host()}:{@code config.port()}. */
  public static HttpApi start(Services s) {
    Config config = s.config();
    ServiceState state = s.state();
    ConcurrencyLimiter limiter = s.limiter();
    ObjectMapper mapper = mapper();
    JsonBodies bodies = new JsonBodies(mapper);
    ApiSettings settings = config.api();
    List<KeySettings> namedKeys = config.file().apiKeys();
    ApiKeys keys =
        settings.keysRequired() || !namedKeys.isEmpty()
            ? new ApiKeys(settings.keys(), settings.keysFile(), namedKeys)
            : null;
    OidcSettings oidc = config.file().oidc();
    Sessions sessions =
        oidc == null
            ? null
            : new Sessions(oidc.sessionMaxAge(), oidc.sessionIdle(), Clock.systemUTC());
    AuthEndpoint auth =
        new AuthEndpoint(
            oidc == null ? null : new OidcLogin(oidc, Clock.systemUTC()),
            sessions,
            oidc == null ? null : oidc.publicUrlOr(config.slack().publicUrl()));
    ApiGuard guard =
        new ApiGuard(
            settings,
            keys,
            new RateLimiter(settings.rateLimit(), settings.rateWindow(), Clock.systemUTC()),
            sessions);
    Scopes scopes = new Scopes(s.access());
    ApiHandlers api =
        new ApiHandlers(
            config,
            s.answerer(),
            s.retriever(),
            s.index(),
            state,
            bodies,
            limiter,
            scopes,
            guard,
            new StarterQuestions(s.index(), s.index(), config.conversations().starterQuestions()));
    ChatEndpoint chat =
        new ChatEndpoint(config, s.chatService(), state, bodies, mapper, limiter, scopes);
    ExtraRoutes extra =
        new ExtraRoutes(
            guard,
            new DocumentEndpoint(
                s.uploads(),
                api,
                bodies,
                settings.maxUploadBytes(),
                scopes,
                s.index(),
                new PageImages(s.ingestRuns()::sources)),
            new OpenAiEndpoint(config, s.chatService(), api, bodies, mapper, scopes),
            OpenApiDocument.load(),
            new FeedbackEndpoint(config, s.feedbackLog(), bodies, Clock.systemUTC(), scopes),
            new AdminEndpoint(s.ingestRuns(), guard.callersProve(), scopes),
            auth,
            state);
    MetricsEndpoint metricsEndpoint = new MetricsEndpoint(s.metrics(), config.metrics());
    BackupEndpoint backupEndpoint = new BackupEndpoint(s.backup(), guard.callersProve(), bodies);
    Javalin app =
        create(
            config,
            mapper,
            api,
            chat,
            extra,
            s.moreRoutes()
                .andThen(metricsEndpoint::routes)
                .andThen(backupEndpoint::routes)
                .andThen(
                    new ConversationEndpoint(s.chatService().conversations(), bodies)::routes));
    app.start();
    bindThreads(s.metrics(), app.jettyServer().threadPool());
    LOG.info("askdocs listening on http://{}:{}", config.host(), app.port());
    if (oidc == null || keys != null) {
      ApiGuard.logAccess(settings, keys, config.host(), app.port());
    }
    if (oidc != null) {
      LOG.info(
          "sign-in with OpenID Connect at {} (client {}); sessions last {} h, {} min unused",
          oidc.issuer(),
          oidc.clientId(),
          oidc.sessionHours(),
          oidc.idleMinutes());
    }
    Javalin management;
    try {
      management = metricsEndpoint.startManagement(config.host());
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
    if (management != null) {
      LOG.info("metrics at http://{}:{}/metrics", config.host(), management.port());
    }
    return new HttpApi(app, chat, management);
  }

  /** The request threads' gauges, as far as the pool Javalin made can tell them. */
  private static void bindThreads(Metrics metrics, ThreadPool pool) {
    IntSupplier unknown = () -> -1;
    metrics.bindServerThreads(
        pool::getThreads,
        () -> pool.getThreads() - pool.getIdleThreads(),
        pool instanceof ThreadPool.SizedThreadPool sized ? sized::getMaxThreads : unknown,
        pool instanceof QueuedThreadPool queued ? queued::getQueueSize : unknown);
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** The server, configured but not started. */
  static Javalin create(
      Config config,
      ObjectMapper mapper,
      ApiHandlers api,
      ChatEndpoint chat,
      ExtraRoutes extra,
      Consumer<JavalinConfig> moreRoutes) {
    return Javalin.create(
        cfg -> {
          cfg.jsonMapper(new JavalinJackson(mapper, false));
          cfg.http.maxRequestSize = config.api().maxBodyBytes();
          cfg.jetty.multipartConfig.maxTotalRequestSize(
              config.api().maxUploadBytes(), SizeUnit.BYTES);
          cfg.jetty.modifyHttpConfiguration(
              h -> h.setIdleTimeout(config.api().idleTimeout().toMillis()));
          cfg.startup.showJavalinBanner = false;
          cfg.jetty.host = config.host();
          cfg.jetty.port = config.port();
          cfg.jetty.modifyServer(
              server -> {
                // Stopping then waits for requests in flight instead of cutting them off.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
                server.setErrorHandler(new JsonErrorHandler(mapper));
              });
          // A copy of web/ in a folder, not the class path: see WebFolder.
          cfg.staticFiles.add(WebFolder.extract().toString(), Location.EXTERNAL);
          routes(cfg, api, chat);
          apiRoutes(cfg, extra);
          moreRoutes.accept(cfg);
        });
  }

  /** The handlers of the API for other tools (documents, OpenAI-compatible, the description). */
  record ExtraRoutes(
      ApiGuard guard,
      DocumentEndpoint documents,
      OpenAiEndpoint openAi,
      OpenApiDocument openApi,
      FeedbackEndpoint feedback,
      AdminEndpoint admin,
      AuthEndpoint auth,
      ServiceState state) {}

  /** The routes that read or change the index: 503 with {@code Retry-After} until it is ready. */
  static final List<String> NEED_THE_INDEX =
      List.of(
          "/api/v1/ask",
          "/api/v1/chat",
          "/api/v1/search",
          "/api/v1/documents",
          "/api/v1/starters",
          "/api/v1/documents/{id}",
          "/api/v1/documents/{id}/pages/{page}",
          "/v1/chat/completions");

  /** Keys, limits and CORS before every API request; documents; the OpenAI-compatible API. */
  static void apiRoutes(JavalinConfig cfg, ExtraRoutes r) {
    cfg.routes.before(r.guard()::before);
    for (String path : NEED_THE_INDEX) {
      cfg.routes.before(
          path,
          ctx -> {
            if (ctx.method() != HandlerType.OPTIONS) {
              r.state().requireReady();
            }
          });
    }
    cfg.routes.options("/api/*", r.guard()::preflight);
    cfg.routes.options("/v1/*", r.guard()::preflight);
    cfg.routes.get("/openapi.json", r.openApi()::serve);
    cfg.routes.post("/api/v1/documents", r.documents()::add);
    cfg.routes.delete("/api/v1/documents/{id}", r.documents()::remove);
    cfg.routes.get("/api/v1/documents/{id}/pages/{page}", r.documents()::page);
    cfg.routes.get("/v1/models", r.openAi()::models);
    cfg.routes.post("/v1/chat/completions", r.openAi()::completions);
    feedbackRoutes(cfg, r.feedback());
    cfg.routes.post("/api/v1/admin/ingest", r.admin()::ingest);
    cfg.routes.get("/api/v1/admin/ingest/{id}", r.admin()::status);
    authRoutes(cfg, r.auth());
  }

  /** Who is asking; sign-in and sign-out when OpenID Connect is configured. */
  static void authRoutes(JavalinConfig cfg, AuthEndpoint auth) {
    cfg.routes.get("/api/v1/me", auth::me);
    if (auth.signInConfigured()) {
      cfg.routes.get("/auth/login", auth::login);
      cfg.routes.get("/auth/callback", auth::callback);
      cfg.routes.post("/auth/logout", auth::logout);
    }
  }

  /** The page loads only its own files: a strict policy that the no-inline-script page allows. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  static void routes(JavalinConfig cfg, ApiHandlers api, ChatEndpoint chat) {
    cfg.routes.before(
        ctx -> {
          RequestIds.assign(ctx);
          ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.header("Referrer-Policy", "no-referrer");
        });
    cfg.routes.after(ctx -> RequestIds.clear());
    cfg.routes.get("/health", api::health);
    cfg.routes.post("/api/v1/ask", api::ask);
    cfg.routes.post("/api/v1/chat", chat::chat);
    cfg.routes.get("/api/v1/search", api::search);
    cfg.routes.get("/api/v1/documents", api::documents);
    cfg.routes.get("/api/v1/collections", api::collections);
    cfg.routes.get("/api/v1/starters", api::starters);
    cfg.routes.get("/api/v1/documents/{id}", api::document);
    errors(cfg);
  }

  /** Readers' verdicts on answers, kept beside the index. */
  static void feedbackRoutes(JavalinConfig cfg, FeedbackEndpoint feedback) {
    cfg.routes.post("/api/v1/feedback", feedback::feedback);
    cfg.routes.get("/api/v1/admin/feedback", feedback::list);
  }

  private static void errors(JavalinConfig cfg) {
    cfg.routes.exception(
        BadInputException.class, (e, ctx) -> reply(ctx, 400, e.code(), e.getMessage(), e.field()));
    cfg.routes.exception(
        NotFoundException.class, (e, ctx) -> reply(ctx, 404, "not_found", e.getMessage(), null));
    cfg.routes.exception(
        AccessDeniedException.class,
        (e, ctx) -> reply(ctx, 403, "forbidden", e.getMessage(), null));
    cfg.routes.exception(
        NotReadyException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "5");
          reply(ctx, 503, "not_ready", e.getMessage(), null);
        });
    cfg.routes.exception(
        OverloadedException.class,
        (e, ctx) -> {
          LOG.info(
              "request {}: {} {} refused: overloaded ({})",
              RequestIds.of(ctx),
              ctx.method(),
              ctx.path(),
              e.getMessage());
          ctx.header("Retry-After", "1");
          reply(ctx, 503, "overloaded", e.getMessage(), null);
        });
    cfg.routes.exception(
        RefusedException.class,
        (e, ctx) -> {
          switch (e.kind()) {
            case UNAUTHORIZED -> reply(ctx, 401, "unauthorized", e.getMessage(), null);
            case SIGN_IN_REQUIRED -> reply(ctx, 401, "sign_in_required", e.getMessage(), null);
            case FORBIDDEN -> reply(ctx, 403, "forbidden", e.getMessage(), null);
            case RATE_LIMITED -> {
              LOG.info(
                  "request {}: {} {} refused: rate limited",
                  RequestIds.of(ctx),
                  ctx.method(),
                  ctx.path());
              ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
              reply(ctx, 429, "rate_limited", e.getMessage(), null);
            }
            case TOO_LARGE -> {
              // The rest of the body is not read: the client must not send more on this connection.
              ctx.header("Connection", "close");
              reply(ctx, 413, "too_large", e.getMessage(), null);
            }
          }
        });
    cfg.routes.exception(
        UploadRejectedException.class,
        (e, ctx) -> {
          switch (e.reason()) {
            case UNSUPPORTED_TYPE ->
                reply(ctx, 415, "unsupported_media_type", e.getMessage(), "file");
            case TOO_LARGE -> reply(ctx, 413, "too_large", e.getMessage(), "file");
            case UNREADABLE -> reply(ctx, 400, "unreadable_document", e.getMessage(), "file");
          }
        });
    cfg.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> reply(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage(), null));
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {}: {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
          reply(ctx, 500, "internal", "internal error; see the server log", null);
        });
    cfg.routes.error(
        404,
        ctx -> {
          if (ApiGuard.guarded(ctx.path()) && ctx.result() == null) {
            reply(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path(), null);
          }
        });
    cfg.routes.error(
        405,
        ctx ->
            reply(
                ctx,
                405,
                "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path(),
                null));
  }

  /**
   * An error response: OpenAI's error shape on the OpenAI-compatible routes ({@code /v1/...}),
   * askdocs' own ({@link ErrorBody}) everywhere else.
   */
  private static void reply(Context ctx, int status, String code, String message, String field) {
    ctx.status(status);
    if (ctx.path().startsWith("/v1/")) {
      ctx.json(OpenAiJson.OpenAiError.of(status, code, message, field));
    } else {
      ctx.json(ErrorBody.of(code, message, field));
    }
  }

  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      default -> "http_" + status;
    };
  }

  public int port() {
    return javalin.port();
  }

  /** The management port serving {@code /metrics}, or -1 when metrics are on the main port. */
  public int managementPort() {
    return management == null ? -1 : management.port();
  }

  @Override
  public void close() {
    if (management != null) {
      management.stop();
    }
    javalin.stop();
    chat.close();
  }
}
