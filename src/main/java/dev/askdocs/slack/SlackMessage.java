package dev.askdocs.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message as Slack takes it: Block Kit blocks, and the same content as mrkdwn {@code text} that
 * Slack shows in notifications and where blocks can't be shown. Both are already escaped.
 */
record SlackMessage(String text, List<LayoutBlock> blocks) {
  SlackMessage {
    blocks = List.copyOf(blocks);
  }
}
