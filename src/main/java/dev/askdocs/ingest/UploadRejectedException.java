package dev.askdocs.ingest;

import dev.askdocs.AskdocsException;

/** An uploaded document was refused before anything of the upload reached the index. */
public class UploadRejectedException extends AskdocsException {
  /** Why; the HTTP layer maps each to a status code. */
  public enum Reason {
    /** No loader for the file's extension. */
    UNSUPPORTED_TYPE,
    /** Larger than the loaders' or the upload's size limit. */
    TOO_LARGE,
    /** The loader could not read it (a broken PDF, no text), or the request named it badly. */
    UNREADABLE
  }

  private final Reason reason;
  private final String fileName;

  public UploadRejectedException(Reason reason, String fileName, String message) {
    super(message);
    this.reason = reason;
    this.fileName = fileName;
  }

  public Reason reason() {
    return reason;
  }

  /** The file's name as uploaded; may be null. */
  public String fileName() {
    return fileName;
  }
}
