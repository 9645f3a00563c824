package dev.askdocs.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One streamed reply: gives its text to {@code onText} as it comes, waits for its first token up to
 * the timeout and for its end up to the deadline, and remembers why it failed. After {@link
 * #close()} no text goes out and a stream still running is cancelled.
 */
final class LlmStream implements StreamingChatResponseHandler {
  private final StreamingChatModel streaming;
  private final Duration timeout;
  private final LlmErrors errors;
  private final Consumer<String> onText;
  private final CompletableFuture<String> done = new CompletableFuture<>();
  private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
  private volatile PartialResponseContext context;
  private boolean closed;
  private boolean started;
  private LlmErrors.Failed failure;

  LlmStream(
      StreamingChatModel streaming, Duration timeout, LlmErrors errors, Consumer<String> onText) {
    this.streaming = streaming;
    this.timeout = timeout;
    this.errors = errors;
    this.onText = onText;
  }

  LlmErrors.Failed failure() {
    return failure;
  }

  String run(ChatRequest request, Deadline deadline) {
    Duration first = timeout.compareTo(deadline.remaining()) <= 0 ? timeout : deadline.remaining();
    if (first.isZero()) {
      throw fail(
          new LlmErrors.Failed(LlmFailure.TIMEOUT, "no time was left before the deadline", null));
    }
    try {
      streaming.chat(request, this);
      CompletableFuture.anyOf(firstToken, done).get(first.toMillis(), TimeUnit.MILLISECONDS);
      return done.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw fail(
          new LlmErrors.Failed(
              LlmFailure.TIMEOUT,
              started()
                  ? "the reply did not finish in time"
                  : "no reply within " + first.toMillis() + " ms",
              LlmClient.BACKOFF));
    } catch (ExecutionException e) {
      throw fail(errors.classify(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(new LlmErrors.Failed(LlmFailure.TIMEOUT, "interrupted", null));
    } catch (RuntimeException e) {
      throw fail(errors.classify(e));
    }
  }

  private LlmErrors.Failed fail(LlmErrors.Failed f) {
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
