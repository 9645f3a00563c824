package dev.askdocs.slack;

import com.slack.api.app_backend.SlackSignature;

/** Names of the headers Slack sends and reads. */
final class SlackHeaders {
  static final String TIMESTAMP = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP;
  static final String SIGNATURE = SlackSignature.HeaderNames.X_SLACK_SIGNATURE;
  static final String RETRY_NUM = "X-Slack-Retry-Num";
  static final String RETRY_REASON = "X-Slack-Retry-Reason";

  /** Tells Slack not to retry an event whose response was not a success. */
  static final String NO_RETRY = "X-Slack-No-Retry";

  private SlackHeaders() {}
}
