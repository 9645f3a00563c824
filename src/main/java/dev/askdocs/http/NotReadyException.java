package dev.askdocs.http;

import dev.askdocs.AskdocsException;

/** The service is up but cannot answer yet (for example, the first ingest is still running). */
public class NotReadyException extends AskdocsException {
  public NotReadyException(String message) {
    super(message);
  }
}
