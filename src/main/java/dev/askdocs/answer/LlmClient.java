package dev.askdocs.answer;

import dev.askdocs.config.LlmSettings;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * askdocs' one way to a language model: an OpenAI-compatible chat-completions endpoint through
 * LangChain4j, whose types stay inside this class. It sends a system and a user message and returns
 * the model's text, whole or streamed.
 *
 * <p>Failures: a timeout, a refused connection, 429 or 5xx is retried once, after {@code
 * Retry-After} (429, when it asks for at most {@link #MAX_RETRY_AFTER}) or {@link #BACKOFF}; other
 * failures are not retried. Nothing waits past the caller's {@link Deadline}: then, or when the
 * retry fails too, {@link LlmUnavailableException} says why. A stream is retried only if it failed
 * before its first token. Every outcome updates {@link #status()}. Thread-safe.
 */
public final class LlmClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);

  /** Wait before the retry when the endpoint does not say how long. */
  static final Duration BACKOFF = Duration.ofMillis(500);

  /** The longest {@code Retry-After} honoured; a longer one means no retry for this question. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

  /** A retry with less time than this before the deadline is not worth starting. */
  static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

  private final ChatModel chat;
  private final StreamingChatModel streaming;
  private final LlmSettings settings;
  private final LlmHealth health;
  private final ExecutorService calls;
  private final ScheduledExecutorService watchdog;

  LlmClient(
      ChatModel chat,
      StreamingChatModel streaming,
      LlmSettings settings,
      ScheduledExecutorService watchdog) {
    this.chat = chat;
    this.streaming = streaming;
    this.settings = settings;
    this.health = new LlmHealth(settings);
    this.calls =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "llm-call");
              t.setDaemon(true);
              return t;
            });
    this.watchdog = watchdog;
  }

  /** A client of the endpoint {@code settings} names; {@code settings.enabled()} must be true. */
  public static LlmClient openAi(LlmSettings settings) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("LLM answers are off: no base URL");
    }
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llm-stream-watchdog");
              t.setDaemon(true);
              return t;
            });
    // A local server needs no key, but LangChain4j sends whatever it is given as the bearer token.
    String key = settings.apiKey().isEmpty() ? "not-needed" : settings.apiKey();
    ChatModel chat =
        OpenAiChatModel.builder()
            .httpClientBuilder(new LlmHttpClient.Builder(watchdog))
            .baseUrl(settings.baseUrl())
            .apiKey(key)
            .modelName(settings.model())
            .temperature(settings.temperature())
            .maxTokens(settings.maxTokens())
            .timeout(settings.timeout())
            .maxRetries(0) // retries are ours: they honour Retry-After and the deadline
            .build();
    StreamingChatModel streaming =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(new LlmHttpClient.Builder(watchdog))
            .baseUrl(settings.baseUrl())
            .apiKey(key)
            .modelName(settings.model())
            .temperature(settings.temperature())
            .maxTokens(settings.maxTokens())
            .timeout(settings.timeout())
            .build();
    return new LlmClient(chat, streaming, settings, watchdog);
  }

  /**
   * The model's whole reply to a system message (none when blank) and a user message.
   *
   * @throws LlmUnavailableException when there is no usable reply before {@code deadline}
   */
  public String complete(String system, String user, Deadline deadline) {
    ChatRequest request = request(system, user);
    return withRetry(deadline, () -> callOnce(request, deadline));
  }

  /**
   * The model's reply, with its text given to {@code onText} as it arrives (in order, from one
   * thread at a time; never after this method returns).
   *
   * @throws LlmUnavailableException when there is no usable reply before {@code deadline}; some
   *     text may have been given to {@code onText} already
   */
  public String stream(String system, String user, Deadline deadline, Consumer<String> onText) {
    ChatRequest request = request(system, user);
    StreamAttempt[] last = new StreamAttempt[1];
    try {
      return withRetry(
          deadline,
          () -> {
            if (last[0] != null && last[0].started()) {
              // Text already went out; a second stream would repeat it.
              throw last[0].failure;
            }
            last[0] = new StreamAttempt(onText);
            return last[0].run(request, deadline);
          });
    } finally {
      if (last[0] != null) {
        last[0].close();
      }
    }
  }

  /** The endpoint's state as last seen; never shows the key. */
  public LlmStatus status() {
    return health.status();
  }

  /** Asks the endpoint which models it has, and records what it says in {@link #status()}. */
  public LlmStatus probe() {
    return health.probe();
  }

  private interface Attempt {
    String run();
  }

  private String withRetry(Deadline deadline, Attempt attempt) {
    Failed failure;
    try {
      return succeeded(attempt.run());
    } catch (Failed e) {
      failure = e;
    }
    Duration wait = failure.retryAfter;
    if (wait == null
        || wait.compareTo(MAX_RETRY_AFTER) > 0
        || wait.plus(MIN_ATTEMPT).compareTo(deadline.remaining()) > 0) {
      throw health.failed(failure);
    }
    LOG.info("language model {}; retrying in {} ms", failure.failure().says(), wait.toMillis());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw health.failed(failure);
    }
    try {
      return succeeded(attempt.run());
    } catch (Failed e) {
      throw health.failed(e);
    }
  }

  private String succeeded(String text) {
    if (text == null || text.isBlank()) {
      throw health.failed(new Failed(LlmFailure.EMPTY, "the model's reply was empty", null));
    }
    health.ok();
    return text;
  }

  private String callOnce(ChatRequest request, Deadline deadline) {
    Duration budget = min(settings.timeout(), deadline.remaining());
    if (budget.isZero()) {
      throw new Failed(LlmFailure.TIMEOUT, "no time was left before the deadline", null);
    }
    CompletableFuture<ChatResponse> call =
        CompletableFuture.supplyAsync(() -> chat.chat(request), calls);
    try {
      ChatResponse r = call.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      return r.aiMessage() == null ? null : r.aiMessage().text();
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new Failed(LlmFailure.TIMEOUT, "no reply within " + budget.toMillis() + " ms", BACKOFF);
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new Failed(LlmFailure.TIMEOUT, "interrupted", null);
    }
  }

  private ChatRequest request(String system, String user) {
    return system.isBlank()
        ? ChatRequest.builder().messages(UserMessage.from(user)).build()
        : ChatRequest.builder()
            .messages(SystemMessage.from(system), UserMessage.from(user))
            .build();
  }

  /** Maps what LangChain4j or the JDK threw to a failure, with the wait before a retry. */
  Failed classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpException h) {
        int s = h.statusCode();
        Optional<Duration> after =
            c instanceof LlmHttpClient.RetryAfterException r ? r.retryAfter() : Optional.empty();
        String what = "HTTP " + s + redactedBody(h.getMessage());
        if (s == 429) {
          return new Failed(LlmFailure.RATE_LIMITED, what, after.orElse(BACKOFF.multipliedBy(2)));
        }
        if (s >= 500) {
          return new Failed(LlmFailure.SERVER_ERROR, what, after.orElse(BACKOFF));
        }
        if (s == 401 || s == 403) {
          return new Failed(LlmFailure.UNAUTHORIZED, what, null);
        }
        if (s == 404) {
          return new Failed(LlmFailure.MODEL_NOT_FOUND, what, null);
        }
        if (s == 408) {
          return new Failed(LlmFailure.TIMEOUT, what, BACKOFF);
        }
        return new Failed(LlmFailure.REJECTED, what, null);
      }
      if (c instanceof HttpConnectTimeoutException
          || c instanceof ConnectException
          || c instanceof UnresolvedAddressException
          || c instanceof UnresolvedModelServerException) {
        return new Failed(LlmFailure.UNREACHABLE, describe(c), BACKOFF);
      }
      if (c instanceof HttpTimeoutException
          || c instanceof dev.langchain4j.exception.TimeoutException) {
        return new Failed(LlmFailure.TIMEOUT, describe(c), BACKOFF);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      // Mapped by LangChain4j without the HTTP status (another HTTP client, or a mock).
      if (c instanceof RateLimitException) {
        return new Failed(LlmFailure.RATE_LIMITED, describe(c), BACKOFF.multipliedBy(2));
      }
      if (c instanceof InternalServerException) {
        return new Failed(LlmFailure.SERVER_ERROR, describe(c), BACKOFF);
      }
      if (c instanceof AuthenticationException) {
        return new Failed(LlmFailure.UNAUTHORIZED, describe(c), null);
      }
      if (c instanceof ModelNotFoundException) {
        return new Failed(LlmFailure.MODEL_NOT_FOUND, describe(c), null);
      }
      if (c instanceof InvalidRequestException) {
        return new Failed(LlmFailure.REJECTED, describe(c), null);
      }
      if (c instanceof IOException) {
        return new Failed(LlmFailure.UNREACHABLE, describe(c), BACKOFF);
      }
    }
    LOG.warn("language model call failed unexpectedly", t);
    return new Failed(LlmFailure.ERROR, describe(t), null);
  }

  private String describe(Throwable t) {
    String m = t.getMessage();
    return health.redact(t.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }

  private String redactedBody(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return ": " + health.redact(oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    calls.shutdownNow();
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
  }

  /** One failed attempt, with the wait before a retry (null: don't retry). */
  static final class Failed extends LlmUnavailableException {
    final transient Duration retryAfter;

    Failed(LlmFailure failure, String detail, Duration retryAfter) {
      super(failure, "the language model " + failure.says() + " (" + detail + ")");
      this.retryAfter = failure.retriable() ? retryAfter : null;
    }
  }

  /** One streamed reply: its tokens, and the first failure. */
  private final class StreamAttempt implements StreamingChatResponseHandler {
    private final Consumer<String> onText;
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private volatile PartialResponseContext context;
    private boolean closed;
    private boolean started;
    Failed failure;

    StreamAttempt(Consumer<String> onText) {
      this.onText = onText;
    }

    String run(ChatRequest request, Deadline deadline) {
      Duration first = min(settings.timeout(), deadline.remaining());
      if (first.isZero()) {
        throw fail(new Failed(LlmFailure.TIMEOUT, "no time was left before the deadline", null));
      }
      try {
        streaming.chat(request, this);
        CompletableFuture.anyOf(firstToken, done).get(first.toMillis(), TimeUnit.MILLISECONDS);
        return done.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw fail(
            new Failed(
                LlmFailure.TIMEOUT,
                started()
                    ? "the reply did not finish in time"
                    : "no reply within " + first.toMillis() + " ms",
                BACKOFF));
      } catch (ExecutionException e) {
        throw fail(classify(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(new Failed(LlmFailure.TIMEOUT, "interrupted", null));
      } catch (RuntimeException e) {
        throw fail(classify(e));
      }
    }

    private Failed fail(Failed f) {
      failure = f;
      close();
      return f;
    }

    synchronized boolean started() {
      return started;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext ctx) {
      context = ctx;
      synchronized (this) {
        if (closed) {
          ctx.streamingHandle().cancel();
          return;
        }
        String text = partial.text();
        if (text != null && !text.isEmpty()) {
          started = true;
          onText.accept(text);
        }
      }
      firstToken.complete(null);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      done.complete(response.aiMessage() == null ? null : response.aiMessage().text());
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    /** No text goes out after this; a stream still running is cancelled. */
    synchronized void close() {
      closed = true;
      PartialResponseContext c = context;
      if (c != null && !done.isDone()) {
        c.streamingHandle().cancel();
      }
    }
  }
}
