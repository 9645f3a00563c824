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
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    URI apiUrl,
    String publicUrl,
    List<String> mattermostTokens,
    ResponseType responseType,
    Duration inlineDeadline) {

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

  public SlackSettings {
    botToken = botToken == null ? "" : botToken.trim();
    signingSecret = signingSecret == null ? "" : signingSecret.trim();
    publicUrl = publicUrl == null ? "" : stripTrailingSlash(publicUrl.trim());
    mattermostTokens = List.copyOf(mattermostTokens);
    if (!apiUrl.toString().endsWith("/")) {
      apiUrl = URI.create(apiUrl + "/");
    }
    requireHttpUrl("ASKDOCS_SLACK_API_URL", apiUrl.toString());
    if (!publicUrl.isEmpty()) {
      requireHttpUrl("ASKDOCS_PUBLIC_URL", publicUrl);
    }
    if (inlineDeadline.isNegative() || inlineDeadline.compareTo(MAX_INLINE_DEADLINE) > 0) {
      throw new ConfigException(
          "ASKDOCS_SLACK_INLINE_DEADLINE_MS",
          "must be between 0 and " + MAX_INLINE_DEADLINE.toMillis());
    }
  }

  /** Everything off. */
  public static SlackSettings defaults() {
    return new SlackSettings(
        "", "", SLACK_API_URL, "", List.of(), ResponseType.EPHEMERAL, DEFAULT_INLINE_DEADLINE);
  }

  static SlackSettings fromEnv(EnvReader r) {
    SlackSettings d = defaults();
    return new SlackSettings(
        r.string("SLACK_BOT_TOKEN", ""),
        r.string("SLACK_SIGNING_SECRET", ""),
        r.value("ASKDOCS_SLACK_API_URL", d.apiUrl(), URI::create),
        r.string("ASKDOCS_PUBLIC_URL", ""),
        Arrays.stream(r.string("ASKDOCS_MATTERMOST_TOKEN", "").split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .toList(),
        r.value("ASKDOCS_SLACK_RESPONSE_TYPE", d.responseType(), ResponseType::fromId),
        Duration.ofMillis(
            r.integer("ASKDOCS_SLACK_INLINE_DEADLINE_MS", (int) d.inlineDeadline().toMillis())));
  }

  /** True when both Slack secrets are set, which turns on {@code /slack/*}. */
  public boolean slackEnabled() {
    return !botToken.isEmpty() && !signingSecret.isEmpty();
  }

  /** True when at least one Mattermost token is set, which turns on {@code /hooks/mattermost}. */
  public boolean mattermostEnabled() {
    return !mattermostTokens.isEmpty();
  }

  public SlackSettings withSlack(String botToken, String signingSecret, URI apiUrl) {
    return new SlackSettings(
        botToken, signingSecret, apiUrl, publicUrl, mattermostTokens, responseType, inlineDeadline);
  }

  public SlackSettings withPublicUrl(String value) {
    return new SlackSettings(
        botToken, signingSecret, apiUrl, value, mattermostTokens, responseType, inlineDeadline);
  }

  public SlackSettings withMattermostTokens(List<String> value) {
    return new SlackSettings(
        botToken, signingSecret, apiUrl, publicUrl, value, responseType, inlineDeadline);
  }

  public SlackSettings withResponseType(ResponseType value) {
    return new SlackSettings(
        botToken, signingSecret, apiUrl, publicUrl, mattermostTokens, value, inlineDeadline);
  }

  public SlackSettings withInlineDeadline(Duration value) {
    return new SlackSettings(
        botToken, signingSecret, apiUrl, publicUrl, mattermostTokens, responseType, value);
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
        + "ms]";
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
