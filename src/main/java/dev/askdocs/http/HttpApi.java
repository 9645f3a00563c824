package dev.askdocs.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.NotReadyException;
import dev.askdocs.OverloadedException;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.chat.ChatService;
import dev.askdocs.config.Config;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.retrieve.Retriever;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API under {@code /api/v1}, {@code /health}, and the chat page from the
 * classpath folder {@code web/}. Status codes for errors are decided here and nowhere else.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Bodies larger than this are refused with 413 before they are read. */
  static final long MAX_BODY_BYTES = 1024 * 1024;

  /**
   * On shutdown, requests in flight get this long to finish (a question waits at most five seconds
   * for a slot, and a written answer at most its deadline); new ones are refused with 503.
   */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final Javalin javalin;
  private final ChatEndpoint chat;

  private HttpApi(Javalin javalin, ChatEndpoint chat) {
    this.javalin = javalin;
    this.chat = chat;
  }

  /**
   * Builds and starts the server on {@code config.host()}:{@code config.port()}.
   *
   * @param moreRoutes registers routes of other front ends (the chat integrations) on the same
   *     server; they share its limits and headers, and answer their own errors
   */
  public static HttpApi start(
      Config config,
      QuestionAnswerer answerer,
      ChatService chatService,
      Retriever retriever,
      ChunkIndex index,
      ServiceState state,
      Consumer<JavalinConfig> moreRoutes) {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    JsonBodies bodies = new JsonBodies(mapper);
    ApiHandlers api =
        new ApiHandlers(
            config,
            answerer,
            retriever,
            index,
            state,
            bodies,
            ConcurrencyLimiter.forCores(Runtime.getRuntime().availableProcessors()));
    ChatEndpoint chat = new ChatEndpoint(config, chatService, state, bodies, mapper);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.jsonMapper(new JavalinJackson(mapper, false));
              cfg.http.maxRequestSize = MAX_BODY_BYTES;
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
              cfg.staticFiles.add("/web", Location.CLASSPATH);
              routes(cfg, api, chat);
              moreRoutes.accept(cfg);
            });
    app.start();
    LOG.info("askdocs listening on http://{}:{}", config.host(), app.port());
    return new HttpApi(app, chat);
  }

  /** The page loads only its own files: a strict policy that the no-inline-script page allows. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  static void routes(JavalinConfig cfg, ApiHandlers api, ChatEndpoint chat) {
    cfg.routes.before(
        ctx -> {
          ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.header("Referrer-Policy", "no-referrer");
        });
    cfg.routes.get("/health", api::health);
    cfg.routes.post("/api/v1/ask", api::ask);
    cfg.routes.post("/api/v1/chat", chat::chat);
    cfg.routes.get("/api/v1/search", api::search);
    cfg.routes.get("/api/v1/documents", api::documents);
    cfg.routes.get("/api/v1/documents/{id}", api::document);
    errors(cfg);
  }

  private static void errors(JavalinConfig cfg) {
    cfg.routes.exception(
        BadInputException.class,
        (e, ctx) -> ctx.status(400).json(ErrorBody.of(e.code(), e.getMessage(), e.field())));
    cfg.routes.exception(
        NotFoundException.class,
        (e, ctx) -> ctx.status(404).json(ErrorBody.of("not_found", e.getMessage(), null)));
    cfg.routes.exception(
        NotReadyException.class,
        (e, ctx) ->
            ctx.status(503)
                .header("Retry-After", "5")
                .json(ErrorBody.of("not_ready", e.getMessage(), null)));
    cfg.routes.exception(
        OverloadedException.class,
        (e, ctx) ->
            ctx.status(503)
                .header("Retry-After", "1")
                .json(ErrorBody.of("overloaded", e.getMessage(), null)));
    cfg.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            ctx.status(e.getStatus())
                .json(ErrorBody.of(codeOf(e.getStatus()), e.getMessage(), null)));
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500)
              .json(ErrorBody.of("internal", "internal error; see the server log", null));
        });
    cfg.routes.error(
        404,
        ctx -> {
          if (ctx.path().startsWith("/api/") && ctx.result() == null) {
            ctx.json(
                ErrorBody.of("not_found", "no route " + ctx.method() + " " + ctx.path(), null));
          }
        });
    cfg.routes.error(
        405,
        ctx ->
            ctx.json(
                ErrorBody.of(
                    "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path(),
                    null)));
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

  @Override
  public void close() {
    javalin.stop();
    chat.close();
  }
}
