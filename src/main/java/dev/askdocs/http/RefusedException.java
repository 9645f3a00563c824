package dev.askdocs.http;

import dev.askdocs.AskdocsException;

/**
 * A request refused before its handler ran: no or a wrong API key, too many requests, a body too
 * large. {@link HttpApi} maps each kind to its status code.
 */
final class RefusedException extends AskdocsException {
  enum Kind {
    /** No key: 401. */
    UNAUTHORIZED,
    /** Neither a key nor a signed-in session, where people can sign in: 401. */
    SIGN_IN_REQUIRED,
    /** A wrong or revoked key: 403. */
    FORBIDDEN,
    /** Over the rate limit: 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** Body over its limit: 413. */
    TOO_LARGE
  }

  private final Kind kind;
  private final long retryAfterSeconds;

  RefusedException(Kind kind, String message) {
    this(kind, message, 0);
  }

  RefusedException(Kind kind, String message, long retryAfterSeconds) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  Kind kind() {
    return kind;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
