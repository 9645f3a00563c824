package dev.askdocs.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.SlashCommandResponseSender;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls askdocs makes to Slack, through the SDK's Web API client: posting a reply in a thread
 * and answering a slash command through its {@code response_url}. Failures are logged (without the
 * token) and not thrown: there is no one else to tell. Thread-safe.
 */
final class SlackWebApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);
  private static final int TIMEOUT_MS = 10_000;

  private final Slack slack;
  private final MethodsClient methods;
  private final SlashCommandResponseSender responder;

  /**
   * @param apiUrl the Web API's base URL, ending in {@code /}
   */
  SlackWebApi(String botToken, URI apiUrl) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl.toString());
    config.setHttpClientCallTimeoutMillis(TIMEOUT_MS);
    config.setStatsEnabled(false);
    this.slack = Slack.getInstance(config);
    this.methods = slack.methods(botToken);
    this.responder = new SlashCommandResponseSender(slack);
  }

  /** Posts {@code message} in {@code channel}, in the thread that {@code threadTs} starts. */
  void postInThread(String channel, String threadTs, SlackMessage message) {
    try {
      ChatPostMessageResponse r =
          methods.chatPostMessage(
              req ->
                  req.channel(channel)
                      .threadTs(threadTs)
                      .text(message.text())
                      .blocks(message.blocks())
                      .linkNames(false)
                      .unfurlLinks(false)
                      .unfurlMedia(false));
      if (!r.isOk()) {
        LOG.warn("chat.postMessage to channel {} failed: {}", channel, r.getError());
      }
    } catch (IOException | SlackApiException e) {
      LOG.warn("chat.postMessage to channel {} failed: {}", channel, e.toString());
    }
  }

  /** Sends {@code response} to a slash command's {@code response_url}. */
  void respond(String responseUrl, SlashCommandResponse response) {
    try {
      WebhookResponse r = responder.send(responseUrl, response);
      if (r.getCode() == null || r.getCode() / 100 != 2) {
        LOG.warn("posting to a slash command's response_url failed: HTTP {}", r.getCode());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("posting to a slash command's response_url failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      LOG.warn("closing the Slack client failed: {}", e.toString());
    }
  }
}
