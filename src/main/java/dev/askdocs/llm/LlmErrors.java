package dev.askdocs.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps what LangChain4j or the JDK threw to an {@link LlmFailure}, with the wait before a retry;
 * messages go through {@code redact} so the API key never shows. Thread-safe.
 */
final class LlmErrors {
  private static final Logger LOG = LoggerFactory.getLogger(LlmErrors.class);
  private static final Duration BACKOFF = LlmClient.BACKOFF;

  private final UnaryOperator<String> redact;

  LlmErrors(UnaryOperator<String> redact) {
    this.redact = redact;
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
    return redact.apply(t.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }

  private String redactedBody(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return ": " + redact.apply(oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
  }

  /** One failed attempt, with the wait before a retry (null: don't retry). */
  static final class Failed extends LlmUnavailableException {
    final transient Duration retryAfter;

    Failed(LlmFailure failure, String detail, Duration retryAfter) {
      super(failure, "the language model " + failure.says() + " (" + detail + ")");
      this.retryAfter = failure.retriable() ? retryAfter : null;
    }
  }
}
