package dev.askdocs.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * LangChain4j's HTTP client contract over the JDK's client, with two things LangChain4j's own JDK
 * client lacks: a failed response keeps its {@code Retry-After} header ({@link
 * RetryAfterException}), and a stream that goes quiet for longer than the read timeout is closed,
 * so no thread waits on a stalled server forever. Thread-safe.
 */
final class LlmHttpClient implements HttpClient {
  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final ScheduledExecutorService watchdog;

  private LlmHttpClient(Builder b) {
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    this.readTimeout = b.readTimeout;
    this.watchdog = b.watchdog;
  }

  /** A failed response, with the delay its {@code Retry-After} header asked for, if any. */
  static final class RetryAfterException extends HttpException {
    private final transient Optional<Duration> retryAfter;

    RetryAfterException(int status, String body, Optional<Duration> retryAfter) {
      super(status, body);
      this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(jdkRequest(request), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() < 200 || r.statusCode() > 299) {
        throw failure(r, r.body());
      }
      return SuccessfulHttpResponse.builder()
          .statusCode(r.statusCode())
          .headers(r.headers().map())
          .body(r.body())
          .build();
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    http.sendAsync(jdkRequest(request), HttpResponse.BodyHandlers.ofInputStream())
        .thenAccept(r -> stream(r, parser, listener))
        .exceptionally(
            t -> {
              Throwable cause = t.getCause() != null ? t.getCause() : t;
              listener.onError(
                  cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
              return null;
            });
  }

  private void stream(
      HttpResponse<InputStream> r, ServerSentEventParser parser, ServerSentEventListener listener) {
    if (r.statusCode() < 200 || r.statusCode() > 299) {
      String body;
      try (InputStream in = r.body()) {
        body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "(unreadable error body: " + e.getMessage() + ")";
      }
      listener.onError(failure(r, body));
      return;
    }
    listener.onOpen(
        SuccessfulHttpResponse.builder()
            .statusCode(r.statusCode())
            .headers(r.headers().map())
            .build());
    try (WatchedStream in = new WatchedStream(r.body())) {
      var check =
          watchdog.scheduleWithFixedDelay(
              in::closeIfIdle, readTimeout.toMillis(), 250, TimeUnit.MILLISECONDS);
      try {
        parser.parse(in, listener);
      } finally {
        check.cancel(false);
      }
      if (in.timedOut) {
        listener.onError(new TimeoutException("the stream was silent for " + readTimeout));
      } else {
        listener.onClose();
      }
    } catch (IOException | RuntimeException e) {
      listener.onError(e);
    }
  }

  private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
    var b = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    String body = request.body();
    b.method(
        request.method().name(),
        body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    return b.build();
  }

  private static RetryAfterException failure(HttpResponse<?> r, String body) {
    return new RetryAfterException(
        r.statusCode(), body, r.headers().firstValue("Retry-After").flatMap(RetryAfter::parse));
  }

  /** An input stream that remembers when it last delivered bytes, and can be closed when idle. */
  private final class WatchedStream extends FilterInputStream {
    private volatile long lastRead = System.nanoTime();
    private volatile boolean timedOut;

    WatchedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      lastRead = System.nanoTime();
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      lastRead = System.nanoTime();
      return n;
    }

    void closeIfIdle() {
      if (System.nanoTime() - lastRead > readTimeout.toNanos() && !timedOut) {
        timedOut = true;
        try {
          close();
        } catch (IOException e) {
          // Closing only wakes the reader; a failure to close leaves nothing to clean up.
        }
      }
    }
  }

  /** Builds the client; LangChain4j sets the timeouts. */
  static final class Builder implements HttpClientBuilder {
    private final ScheduledExecutorService watchdog;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    Builder(ScheduledExecutorService watchdog) {
      this.watchdog = watchdog;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration value) {
      if (value != null) {
        connectTimeout = value;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration value) {
      if (value != null) {
        readTimeout = value;
      }
      return this;
    }

    @Override
    public LlmHttpClient build() {
      return new LlmHttpClient(this);
    }
  }
}
