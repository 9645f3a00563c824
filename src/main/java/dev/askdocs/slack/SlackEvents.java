package dev.askdocs.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.events.EventTypeExtractorImpl;
import com.slack.api.app_backend.events.payload.AppMentionPayload;
import com.slack.api.app_backend.events.payload.MessagePayload;
import com.slack.api.app_backend.events.payload.UrlVerificationPayload;
import com.slack.api.app_backend.util.JsonPayloadTypeDetector;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.OverloadedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: Slack's Events API. Answers {@code url_verification} and {@code
 * ssl_check}; for an {@code app_mention}, or a direct message to the bot, acknowledges at once and
 * replies in the message's thread from a worker. Each event is handled once however often Slack
 * delivers it; messages from bots (askdocs included) are ignored. A question that gets no answering
 * slot in time is answered 503 and forgotten, so that Slack delivers it again later. Thread-safe.
 */
final class SlackEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SlackEvents.class);

  /** Message subtypes that are still a person writing; the others are edits, joins, bots... */
  private static final Set<String> HUMAN_SUBTYPES = Set.of("thread_broadcast", "file_share");

  private final SlackRequestVerifier verifier;
  private final Replies replies;
  private final AnswerBlocks blocks;
  private final SlackWebApi web;
  private final Executor executor;
  private final SeenEvents seen;
  private final Supplier<ConcurrencyLimiter.Permit> admission;
  private final Gson gson = GsonFactory.createSnakeCase();

  SlackEvents(
      SlackRequestVerifier verifier,
      Replies replies,
      AnswerBlocks blocks,
      SlackWebApi web,
      Executor executor,
      SeenEvents seen,
      Supplier<ConcurrencyLimiter.Permit> admission) {
    this.admission = admission;
    this.verifier = verifier;
    this.replies = replies;
    this.blocks = blocks;
    this.web = web;
    this.executor = executor;
    this.seen = seen;
  }

  /** A message askdocs should answer, from either kind of event. */
  record Question(
      String eventId, String channel, String ts, String threadTs, String text, boolean fromBot) {
    /** Replies go in the message's thread, or start one under the message. */
    String replyThread() {
      return threadTs != null ? threadTs : ts;
    }
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
    if (body.isBlank()) {
      return WebhookReply.empty(400);
    }
    try {
      String type = new JsonPayloadTypeDetector().detectType(body);
      if (UrlVerificationPayload.TYPE.equals(type)) {
        String challenge = gson.fromJson(body, UrlVerificationPayload.class).getChallenge();
        return challenge == null
            ? WebhookReply.empty(400)
            : WebhookReply.json(gson.toJson(Map.of("challenge", challenge)));
      }
      if (!"event_callback".equals(type)) {
        return WebhookReply.empty(200);
      }
      Optional<Question> question = question(body);
      return question.map(q -> accept(q, request)).orElse(WebhookReply.empty(200));
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      // The SDK's detectors read any JSON as an object: an array or a bare value ends up here.
      return WebhookReply.empty(400);
    }
  }

  private Optional<Question> question(String body) {
    String eventType = new EventTypeExtractorImpl().extractEventType(body);
    if (AppMentionEvent.TYPE_NAME.equals(eventType)) {
      AppMentionPayload p = gson.fromJson(body, AppMentionPayload.class);
      AppMentionEvent e = p.getEvent();
      if (e == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Question(
              p.getEventId(),
              e.getChannel(),
              e.getTs(),
              e.getThreadTs(),
              e.getText(),
              fromBot(e.getBotId(), e.getSubtype())));
    }
    if (MessageEvent.TYPE_NAME.equals(eventType)) {
      MessagePayload p = gson.fromJson(body, MessagePayload.class);
      MessageEvent e = p.getEvent();
      String subtype = new EventTypeExtractorImpl().extractEventSubtype(body);
      if (e == null || !"im".equals(e.getChannelType())) {
        return Optional.empty(); // channel messages reach askdocs as mentions
      }
      return Optional.of(
          new Question(
              p.getEventId(),
              e.getChannel(),
              e.getTs(),
              e.getThreadTs(),
              e.getText(),
              fromBot(e.getBotId(), subtype.isEmpty() ? null : subtype)));
    }
    return Optional.empty();
  }

  private static boolean fromBot(String botId, String subtype) {
    return botId != null || (subtype != null && !HUMAN_SUBTYPES.contains(subtype));
  }

  private WebhookReply accept(Question q, WebhookRequest request) {
    String retry = request.header(SlackHeaders.RETRY_NUM);
    if (q.fromBot() || q.channel() == null || q.ts() == null) {
      return WebhookReply.empty(200);
    }
    // A mention in a direct message can arrive as two events: the message key catches that.
    String message = "message:" + q.channel() + ":" + q.ts();
    String[] keys =
        q.eventId() == null
            ? new String[] {message}
            : new String[] {"event:" + q.eventId(), message};
    if (!seen.firstTime(keys)) {
      if (retry != null) {
        LOG.info(
            "Slack retry {} of event {} ({}): already handled",
            retry,
            q.eventId(),
            request.header(SlackHeaders.RETRY_REASON));
      }
      return WebhookReply.empty(200).withHeader(SlackHeaders.NO_RETRY, "1");
    }
    String question = SlackText.plain(q.text());
    ConcurrencyLimiter.Permit permit = null;
    try {
      permit = question.isEmpty() ? null : admission.get();
      ConcurrencyLimiter.Permit held = permit;
      executor.execute(() -> reply(q, question, held));
    } catch (OverloadedException | RejectedExecutionException e) {
      // Busy: let Slack deliver it again later, and handle it then.
      if (permit != null) {
        permit.close();
      }
      seen.forget(keys);
      LOG.warn("too busy to answer Slack event {}; asking Slack to retry", q.eventId());
      return WebhookReply.empty(503);
    }
    return WebhookReply.empty(200);
  }

  /** Answers on a worker; {@code permit} (null for usage help) is given back once answered. */
  private void reply(Question q, String question, ConcurrencyLimiter.Permit permit) {
    Reply reply;
    if (permit == null) {
      reply = Replies.usage("@askdocs");
    } else {
      try (permit) {
        reply =
            replies.to(
                question,
                replies.channels().of(q.channel()),
                "slack:" + q.channel() + ":" + q.replyThread());
      }
    }
    web.postInThread(q.channel(), q.replyThread(), blocks.render(reply, false));
  }
}
