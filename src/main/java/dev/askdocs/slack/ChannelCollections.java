package dev.askdocs.slack;

import dev.askdocs.config.ConfigFile;
import java.util.Map;
import java.util.Optional;

/**
 * Which collection a Slack channel's questions are answered from. Without collections in the
 * configuration every channel asks {@code default}, as before; with them, only the channels the
 * configuration maps get answers, each from its own collection, and direct messages from the one
 * {@code slack.directMessages} names.
 */
final class ChannelCollections {
  static final String UNMAPPED =
      "This channel is not connected to any collection of documents, so askdocs cannot answer"
          + " here. An askdocs administrator can connect it in askdocs.yml (slack.channels).";

  private final boolean everyChannel;
  private final Map<String, String> channels;
  private final String directMessages;

  private ChannelCollections(
      boolean everyChannel, Map<String, String> channels, String directMessages) {
    this.everyChannel = everyChannel;
    this.channels = Map.copyOf(channels);
    this.directMessages = directMessages;
  }

  static ChannelCollections of(ConfigFile file) {
    return new ChannelCollections(
        file.collections().isEmpty(), file.slack().channels(), file.slack().directMessages());
  }

  /** Every channel asks {@code default}: a start without collections. */
  static ChannelCollections everyChannelAsksDefault() {
    return new ChannelCollections(true, Map.of(), null);
  }

  /**
   * The collection of a channel (Slack's ids: {@code C…} channels, {@code G…} private ones, {@code
   * D…} direct messages), if one is mapped.
   */
  Optional<String> of(String channelId) {
    if (everyChannel) {
      return Optional.of(dev.askdocs.config.CollectionSettings.DEFAULT);
    }
    if (channelId == null) {
      return Optional.empty();
    }
    String mapped = channels.get(channelId);
    if (mapped == null && channelId.startsWith("D")) {
      mapped = directMessages;
    }
    return Optional.ofNullable(mapped);
  }
}
