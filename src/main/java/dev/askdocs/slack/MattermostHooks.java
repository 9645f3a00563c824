package dev.askdocs.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.outgoing_webhooks.WebhookPayloadParser;
import com.slack.api.app_backend.outgoing_webhooks.payload.WebhookPayload;
import com.slack.api.util.json.GsonFactory;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.answer.OverloadedException;
import dev.askdocs.config.SlackSettings.ResponseType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /hooks/mattermost}: Mattermost slash commands and outgoing webhooks (and
 * Rocket.Chat's outgoing webhooks), which send Slack-shaped payloads, form-encoded or JSON, with a
 * shared {@code token}. The token is checked first; the answer comes in the response as {@code
 * {"text", "response_type"}}. An outgoing webhook's answer is a comment in the message's thread;
 * when {@link MattermostThreads} can say which thread that is, the question is the next turn of the
 * thread's conversation ({@code mattermost:<channel_id>:<root post id>}), so follow-ups are
 * understood. Thread-safe.
 */
final class MattermostHooks {
  private final List<byte[]> tokens;
  private final List<java.util.Optional<String>> collections;
  private final Replies replies;
  private final MattermostText text;
  private final ResponseType responseType;
  private final ConcurrencyLimiter limiter;
  private final MattermostThreads threads;
  private final Gson gson = GsonFactory.createSnakeCase();

  /**
   * @param tokens the accepted tokens
   * @param collections for each token, in the same order, the collection its questions ask, or
   *     empty when none is mapped (it gets a reply saying so)
   * @param threads finds a message's thread; null: every message is answered on its own
   */
  MattermostHooks(
      List<String> tokens,
      List<java.util.Optional<String>> collections,
      Replies replies,
      MattermostText text,
      ResponseType responseType,
      ConcurrencyLimiter limiter,
      MattermostThreads threads) {
    this.limiter = limiter;
    this.threads = threads;
    this.collections = List.copyOf(collections);
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    this.replies = replies;
    this.text = text;
    this.responseType = responseType;
  }

  /** The reply's JSON body: Mattermost's names, which Gson's snake case gives. */
  record HookResponse(String text, String responseType) {}

  WebhookReply handle(WebhookRequest request) {
    String body = new String(request.body(), StandardCharsets.UTF_8);
    WebhookPayload payload;
    try {
      payload = parse(body, request.header("Content-Type"));
    } catch (JsonParseException | IllegalArgumentException e) {
      return WebhookReply.empty(400);
    }
    int token = payload == null ? -1 : knownToken(payload.getToken());
    if (token < 0) {
      return WebhookReply.empty(401);
    }
    // An outgoing webhook's text starts with the word that triggered it.
    String question = payload.getText() == null ? "" : payload.getText().strip();
    String trigger = payload.getTriggerWord();
    boolean outgoingWebhook = trigger != null && !trigger.isEmpty();
    if (outgoingWebhook && question.startsWith(trigger)) {
      question = question.substring(trigger.length()).strip();
    }
    Reply reply =
        question.isEmpty()
            ? Replies.usage(outgoingWebhook ? trigger : "/ask")
            : admitted(
                question,
                collections.get(token),
                outgoingWebhook ? thread(body, request.header("Content-Type"), payload) : null);
    // An outgoing webhook's reply can't be private; "comment" puts it in the message's thread.
    String type =
        outgoingWebhook
            ? "comment"
            : reply instanceof Reply.Answered ? responseType.id() : "ephemeral";
    return WebhookReply.json(gson.toJson(new HookResponse(text.render(reply), type)));
  }

  /** The answer when a slot frees in time (the hook waits for it inline); else "busy". */
  private Reply admitted(String question, java.util.Optional<String> collection, String thread) {
    try (ConcurrencyLimiter.Permit p = limiter.admit()) {
      return replies.to(question, collection, thread);
    } catch (OverloadedException e) {
      return new Reply.Notice(Replies.BUSY);
    }
  }

  /**
   * The conversation of the message's thread, {@code mattermost:<channel_id>:<root id>}, or null
   * when it cannot be known (no REST access, or no {@code post_id}, as from Rocket.Chat).
   */
  private String thread(String body, String contentType, WebhookPayload payload) {
    String channel = payload.getChannelId();
    if (threads == null || channel == null || channel.isEmpty()) {
      return null;
    }
    String postId;
    try {
      postId = field(body, contentType, "post_id");
    } catch (IllegalArgumentException | JsonParseException | IllegalStateException e) {
      return null; // a malformed post_id: the message is answered on its own
    }
    return threads.rootOf(postId).map(root -> "mattermost:" + channel + ":" + root).orElse(null);
  }

  /** A field the Slack SDK's payload class doesn't have, such as Mattermost's {@code post_id}. */
  private static String field(String body, String contentType, String name) {
    if (isJson(contentType)) {
      com.google.gson.JsonElement e =
          com.google.gson.JsonParser.parseString(body).getAsJsonObject().get(name);
      return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0
          && java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
              .equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  private WebhookPayload parse(String body, String contentType) {
    if (isJson(contentType)) {
      return gson.fromJson(body, WebhookPayload.class);
    }
    return new WebhookPayloadParser().parse(body);
  }

  /** The index of the token sent, or -1 when it is not one of the tokens. */
  private int knownToken(String token) {
    if (token == null || token.isEmpty()) {
      return -1;
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    int known = -1;
    for (int i = 0; i < tokens.size(); i++) {
      // No early exit: the time taken says nothing about which token matched.
      if (MessageDigest.isEqual(tokens.get(i), given) && known < 0) {
        known = i;
      }
    }
    return known;
  }
}
