package dev.askdocs.llm;

import dev.askdocs.config.LlmSettings;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
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
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);

  /** A retry with less time than this before the deadline is not worth starting. */
  static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

  private final ChatModel chat;
  private final StreamingChatModel streaming;
  private final LlmSettings settings;
  private final LlmHealth health;
  private final ExecutorService calls;
  private final ScheduledExecutorService watchdog;
  private final LlmErrors errors;
  private final LlmCalls counts = new LlmCalls();

  LlmClient(
      ChatModel chat,
      StreamingChatModel streaming,
      LlmSettings settings,
      ScheduledExecutorService watchdog) {
    this.chat = chat;
    this.streaming = streaming;
    this.settings = settings;
    this.health = new LlmHealth(settings);
    this.errors = new LlmErrors(health::redact);
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
    LlmStream[] last = new LlmStream[1];
    try {
      return withRetry(
          deadline,
          () -> {
            if (last[0] != null && last[0].started()) {
              // Text already went out; a second stream would repeat it.
              throw last[0].failure();
            }
            last[0] = new LlmStream(streaming, settings.timeout(), errors, onText);
            return last[0].run(request, deadline);
          });
    } finally {
      if (last[0] != null) {
        last[0].close();
      }
    }
  }

  /** Requests sent to the model since start, for metrics. */
  public LlmCalls calls() {
    return counts;
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
    LlmErrors.Failed failure;
    try {
      return succeeded(counted(attempt));
    } catch (LlmErrors.Failed e) {
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
    counts.retried();
    try {
      return succeeded(counted(attempt));
    } catch (LlmErrors.Failed e) {
      throw health.failed(e);
    }
  }

  /** Runs one attempt, counting it and, when it fails, its failure. */
  private String counted(Attempt attempt) {
    counts.attempted();
    try {
      String text = attempt.run();
      if (text == null || text.isBlank()) {
        counts.failed(LlmFailure.EMPTY);
      }
      return text;
    } catch (LlmUnavailableException e) {
      counts.failed(e.failure());
      throw e;
    }
  }

  private String succeeded(String text) {
    if (text == null || text.isBlank()) {
      throw health.failed(
          new LlmErrors.Failed(LlmFailure.EMPTY, "the model's reply was empty", null));
    }
    health.ok();
    return text;
  }

  private String callOnce(ChatRequest request, Deadline deadline) {
    Duration budget = min(settings.timeout(), deadline.remaining());
    if (budget.isZero()) {
      throw new LlmErrors.Failed(LlmFailure.TIMEOUT, "no time was left before the deadline", null);
    }
    CompletableFuture<ChatResponse> call =
        CompletableFuture.supplyAsync(() -> chat.chat(request), calls);
    try {
      ChatResponse r = call.get(budget.toMillis(), TimeUnit.MILLISECONDS);
      return r.aiMessage() == null ? null : r.aiMessage().text();
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new LlmErrors.Failed(
          LlmFailure.TIMEOUT, "no reply within " + budget.toMillis() + " ms", BACKOFF);
    } catch (ExecutionException e) {
      throw errors.classify(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new LlmErrors.Failed(LlmFailure.TIMEOUT, "interrupted", null);
    }
  }

  private ChatRequest request(String system, String user) {
    return system.isBlank()
        ? ChatRequest.builder().messages(UserMessage.from(user)).build()
        : ChatRequest.builder()
            .messages(SystemMessage.from(system), UserMessage.from(user))
            .build();
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
}
