package dev.askdocs.slack;

import com.google.gson.Gson;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.OverloadedException;
import dev.askdocs.config.SlackSettings.ResponseType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code POST /slack/commands}: a slash command such as {@code /ask <question>}. The answer comes
 * in the HTTP response when it is ready within the inline deadline; otherwise the command is
 * acknowledged at once and the answer is posted to the command's {@code response_url} when ready.
 * Either way it is delivered exactly once. A command that gets no answering slot in time is refused
 * at once with an ephemeral "busy" line. Thread-safe.
 */
final class SlashCommands {
  static final String WORKING = "Looking through the documents…";

  private final SlackRequestVerifier verifier;
  private final Replies replies;
  private final AnswerBlocks blocks;
  private final SlackWebApi web;
  private final Executor executor;
  private final ResponseType responseType;
  private final Duration inlineDeadline;
  private final Supplier<ConcurrencyLimiter.Permit> admission;
  private final Gson gson = GsonFactory.createSnakeCase();

  SlashCommands(
      SlackRequestVerifier verifier,
      Replies replies,
      AnswerBlocks blocks,
      SlackWebApi web,
      Executor executor,
      ResponseType responseType,
      Duration inlineDeadline,
      Supplier<ConcurrencyLimiter.Permit> admission) {
    this.admission = admission;
    this.verifier = verifier;
    this.replies = replies;
    this.blocks = blocks;
    this.web = web;
    this.executor = executor;
    this.responseType = responseType;
    this.inlineDeadline = inlineDeadline;
  }

  WebhookReply handle(WebhookRequest request) {
    if (!verifier.verify(
        request.header(SlackHeaders.TIMESTAMP),
        request.header(SlackHeaders.SIGNATURE),
        request.body())) {
      return WebhookReply.empty(401);
    }
    String body = new String(request.body(), StandardCharsets.UTF_8);
    if (SslChecks.is(body)) {
      return WebhookReply.empty(200);
    }
    SlashCommandPayload command;
    try {
      command = new SlashCommandPayloadParser().parse(body);
    } catch (IllegalArgumentException e) {
      return WebhookReply.empty(400); // not a form: a stray % in the body
    }
    String question = SlackText.plain(command.getText());
    if (question.isEmpty()) {
      return inline(Replies.usage(command.getCommand() == null ? "/ask" : command.getCommand()));
    }
    if (command.getResponseUrl() == null) {
      return WebhookReply.empty(400); // Slack always sends one; without it a slow answer is lost
    }
    return answer(
        question, replies.channels().of(command.getChannelId()), command.getResponseUrl());
  }

  private WebhookReply answer(
      String question, java.util.Optional<String> collection, String responseUrl) {
    CompletableFuture<Reply> ready = new CompletableFuture<>();
    // Whoever sets this first decides the delivery: the worker (answer inline) or this thread
    // (acknowledge now, the worker posts to response_url later).
    AtomicBoolean decided = new AtomicBoolean(inlineDeadline.isZero());
    ConcurrencyLimiter.Permit permit;
    try {
      permit = admission.get();
    } catch (OverloadedException e) {
      return inline(new Reply.Notice(Replies.BUSY));
    }
    try {
      executor.execute(
          () -> {
            Reply reply;
            try (permit) {
              reply = replies.to(question, collection);
            }
            if (decided.compareAndSet(false, true)) {
              ready.complete(reply);
            } else {
              web.respond(responseUrl, response(reply));
            }
          });
    } catch (RejectedExecutionException e) {
      permit.close();
      return inline(new Reply.Notice(Replies.BUSY));
    }
    if (!inlineDeadline.isZero()) {
      try {
        return inline(ready.get(inlineDeadline.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        // Too slow to answer inline: fall through to acknowledge.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException("an answer future never fails", e);
      }
      if (!decided.compareAndSet(false, true)) {
        return inline(ready.join()); // the worker decided in the meantime: its answer is ready
      }
    }
    return inline(new Reply.Notice(WORKING));
  }

  private WebhookReply inline(Reply reply) {
    return WebhookReply.json(gson.toJson(response(reply)));
  }

  private SlashCommandResponse response(Reply reply) {
    SlackMessage message = blocks.render(reply, true);
    // Help, progress and error lines are for the asker alone, whatever the setting.
    String type = reply instanceof Reply.Answered ? responseType.id() : "ephemeral";
    return SlashCommandResponse.builder()
        .responseType(type)
        .text(message.text())
        .blocks(message.blocks())
        .build();
  }
}
