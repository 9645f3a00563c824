package dev.askdocs.slack;

import com.slack.api.app_backend.ssl_check.SSLCheckPayloadDetector;

/** Slack's {@code ssl_check} requests, recognised without failing on bodies that are not forms. */
final class SslChecks {
  private SslChecks() {}

  /**
   * True for Slack's certificate check. The SDK's detector URL-decodes the body and throws on a
   * stray {@code %}; such a body is no check, and the payload parser then refuses it.
   */
  static boolean is(String body) {
    try {
      return new SSLCheckPayloadDetector().isSSLCheckRequest(body);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
