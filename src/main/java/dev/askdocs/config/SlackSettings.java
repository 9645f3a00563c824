package dev.askdocs.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the chat integrations: Slack (slash command and Events API) and Mattermost-compatible
 * hooks. Each integration is off until its secrets are set. {@link #toString()} never shows a
 * secret.
 *
 * @param botToken Slack bot token ({@code xoxb-...}); empty when not set
 * @param signingSecret Slack signing secret; empty when not set
 * @param apiUrl base URL of Slack's Web API, ending in {@code /}
 * @param publicUrl askdocs' own base URL as chat users reach it, for links to documents; empty when
 *     not set (then citations are not linked)
 * @param mattermostTokens tokens accepted at {@code /hooks/mattermost}; empty turns the hook off
 * @param responseType who sees slash command answers
 * @param inlineDeadline how long a slash command waits for its answer before acknowledging and
 *     delivering the answer to {@code response_url} instead; zero always defers
 * @param mattermostUrl the Mattermost server's base URL, without a trailing {@code /}; empty when
 *     not set
 * @param mattermostBotToken a Mattermost bot or personal access token that may read the channels
 *     the outgoing webhooks serve; with {@code mattermostUrl} it turns threads into conversations;
 *     empty when not set
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    URI apiUrl,
    String publicUrl,
    List<String> mattermostTokens,
    ResponseType responseType,
    Duration inlineDeadline,
    String mattermostUrl,
    String mattermostBotToken) {

  /** Slack's own Web API. */
  public static final URI SLACK_API_URL = URI.create("https://slack.com/api/");

  /** Under Slack's 3-second limit with room for the network and the acknowledgement itself. */
  public static final Duration DEFAULT_INLINE_DEADLINE = Duration.ofMillis(2500);

  /** Slack drops a slash command after 3 seconds; waiting longer inline would lose the answer. */
  public static final Duration MAX_INLINE_DEADLINE = Duration.ofMillis(2900);

  /** Who sees an answer to a slash command. */
  public enum ResponseType {
    /** Only the person who asked. */
    EPHEMERAL,
    /** Everyone in the channel. */
    IN_CHANNEL;

    /** The wire name Slack and Mattermost use: {@code ephemeral} or {@code in_channel}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static ResponseType fromId(String id) {
      return Arrays.stream(values())
          .filter(t -> t.id().equals(id.toLowerCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("must be ephemeral or in_channel"));
    }
  }

  public static final Setting BOT_TOKEN =
      Setting.of(
          "SLACK_BOT_TOKEN",
          null,
          "Slack bot token (`xoxb-…`); with `SLACK_SIGNING_SECRET` it turns on `/slack/*`"
              + " ([Slack](INTEGRATIONS.md#slack))",
          c -> c.slack().botToken());
  public static final Setting SIGNING_SECRET =
      Setting.of(
          "SLACK_SIGNING_SECRET",
          null,
          "The Slack app's signing secret; every Slack request must be signed with it",
          c -> c.slack().signingSecret());
  public static final Setting PUBLIC_URL =
      Setting.of(
          "ASKDOCS_PUBLIC_URL",
          null,
          "askdocs' address as chat users reach it (`https://askdocs.example.com`): citations in"
              + " Slack and Mattermost link to its document view, and sign-in's redirect URI is"
              + " `<url>/auth/callback` (otherwise each request's own address). Unset: citations"
              + " are not linked",
          c -> c.slack().publicUrl());
  public static final Setting RESPONSE_TYPE =
      Setting.of(
          "ASKDOCS_SLACK_RESPONSE_TYPE",
          ResponseType.EPHEMERAL.id(),
          "Who sees `/ask` answers: `ephemeral` (only the asker) or `in_channel` (everyone in the"
              + " channel)",
          c -> c.slack().responseType().id());
  public static final Setting INLINE_DEADLINE_MS =
      Setting.of(
          "ASKDOCS_SLACK_INLINE_DEADLINE_MS",
          DEFAULT_INLINE_DEADLINE.toMillis(),
          "How long `/ask` waits to put the answer in its HTTP response; slower answers are"
              + " acknowledged at once and posted to Slack's `response_url` (0-"
              + MAX_INLINE_DEADLINE.toMillis()
              + "; 0 always posts)",
          c -> c.slack().inlineDeadline().toMillis());
  public static final Setting API_URL =
      Setting.of(
          "ASKDOCS_SLACK_API_URL",
          SLACK_API_URL,
          "Base URL of Slack's Web API (for a proxy, or a test server)",
          c -> c.slack().apiUrl());
  public static final Setting MATTERMOST_TOKEN =
      Setting.of(
          "ASKDOCS_MATTERMOST_TOKEN",
          null,
          "Token of a Mattermost or Rocket.Chat slash command or outgoing webhook (several:"
              + " comma-separated); turns on `/hooks/mattermost`",
          c -> c.slack().mattermostTokens());
  public static final Setting MATTERMOST_URL =
      Setting.of(
          "ASKDOCS_MATTERMOST_URL",
          null,
          "The Mattermost server's address (`https://chat.example.com`); with"
              + " `ASKDOCS_MATTERMOST_BOT_TOKEN`, a question in a thread is a turn of the thread's"
              + " conversation ([threads](INTEGRATIONS.md#mattermost-threads))",
          c -> c.slack().mattermostUrl());
  public static final Setting MATTERMOST_BOT_TOKEN =
      Setting.of(
          "ASKDOCS_MATTERMOST_BOT_TOKEN",
          null,
          "A Mattermost bot (or personal access) token that can read the outgoing webhooks'"
              + " channels: askdocs asks Mattermost's REST API for each message's thread. Unset:"
              + " each message is a conversation of its own",
          c -> c.slack().mattermostBotToken());
  static final List<Setting> ALL =
      List.of(
          BOT_TOKEN,
          SIGNING_SECRET,
          PUBLIC_URL,
          RESPONSE_TYPE,
          INLINE_DEADLINE_MS,
          API_URL,
          MATTERMOST_TOKEN,
          MATTERMOST_URL,
          MATTERMOST_BOT_TOKEN);

  public SlackSettings {
    botToken = botToken == null ? "" : botToken.trim();
    signingSecret = signingSecret == null ? "" : signingSecret.trim();
    publicUrl = publicUrl == null ? "" : stripTrailingSlash(publicUrl.trim());
    mattermostTokens = List.copyOf(mattermostTokens);
    mattermostUrl = mattermostUrl == null ? "" : stripTrailingSlash(mattermostUrl.trim());
    mattermostBotToken = mattermostBotToken == null ? "" : mattermostBotToken.trim();
    if (!mattermostUrl.isEmpty()) {
      requireHttpUrl(MATTERMOST_URL.name(), mattermostUrl);
    }
    if (mattermostUrl.isEmpty() != mattermostBotToken.isEmpty()) {
      throw new ConfigException(
          mattermostUrl.isEmpty() ? MATTERMOST_URL.name() : MATTERMOST_BOT_TOKEN.name(),
          "must be set with "
              + (mattermostUrl.isEmpty() ? MATTERMOST_BOT_TOKEN.name() : MATTERMOST_URL.name()));
    }
    if (!apiUrl.toString().endsWith("/")) {
      apiUrl = URI.create(apiUrl + "/");
    }
    requireHttpUrl(API_URL.name(), apiUrl.toString());
    if (!publicUrl.isEmpty()) {
      requireHttpUrl(PUBLIC_URL.name(), publicUrl);
    }
    if (inlineDeadline.isNegative() || inlineDeadline.compareTo(MAX_INLINE_DEADLINE) > 0) {
      throw new ConfigException(
          INLINE_DEADLINE_MS.name(), "must be between 0 and " + MAX_INLINE_DEADLINE.toMillis());
    }
  }

  /** Everything off. */
  public static SlackSettings defaults() {
    return fromEnv(new EnvReader(java.util.Map.of()));
  }

  static SlackSettings fromEnv(EnvReader r) {
    return new SlackSettings(
        r.string(BOT_TOKEN),
        r.string(SIGNING_SECRET),
        r.value(API_URL, URI::create),
        r.string(PUBLIC_URL),
        Settings.list(r.string(MATTERMOST_TOKEN)),
        r.value(RESPONSE_TYPE, ResponseType::fromId),
        Duration.ofMillis(r.integer(INLINE_DEADLINE_MS)),
        r.string(MATTERMOST_URL),
        r.string(MATTERMOST_BOT_TOKEN));
  }

  /** True when askdocs can ask Mattermost which thread a message is in. */
  public boolean mattermostThreads() {
    return !mattermostUrl.isEmpty() && !mattermostBotToken.isEmpty();
  }

  /** True when both Slack secrets are set, which turns on {@code /slack/*}. */
  public boolean slackEnabled() {
    return !botToken.isEmpty() && !signingSecret.isEmpty();
  }

  /** True when at least one Mattermost token is set, which turns on {@code /hooks/mattermost}. */
  public boolean mattermostEnabled() {
    return !mattermostTokens.isEmpty();
  }

  /** Shows whether each secret is set, never its value. */
  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + redacted(botToken)
        + ", signingSecret="
        + redacted(signingSecret)
        + ", apiUrl="
        + apiUrl
        + ", publicUrl="
        + publicUrl
        + ", mattermostTokens="
        + mattermostTokens.size()
        + " set, responseType="
        + responseType.id()
        + ", inlineDeadline="
        + inlineDeadline.toMillis()
        + "ms, mattermostUrl="
        + mattermostUrl
        + ", mattermostBotToken="
        + redacted(mattermostBotToken)
        + "]";
  }

  private static String redacted(String secret) {
    return secret.isEmpty() ? "(not set)" : "(set)";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void requireHttpUrl(String variable, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable, "must be an http(s) URL, was '" + url + "'");
    }
    // Links are written into Slack's <url|label> syntax: these characters would break out of it.
    boolean usable =
        ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null
            && url.chars().noneMatch(c -> c == '|' || c == '<' || c == '>' || c <= ' ');
    if (!usable) {
      throw new ConfigException(variable, "must be an http(s) URL, was '" + url + "'");
    }
  }
}
