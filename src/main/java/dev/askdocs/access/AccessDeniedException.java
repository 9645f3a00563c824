package dev.askdocs.access;

import dev.askdocs.AskdocsException;

/**
 * The caller may read a collection but not do this in it (HTTP 403). A caller who may not read a
 * collection gets {@link dev.askdocs.NotFoundException} instead, as if it did not exist.
 */
public class AccessDeniedException extends AskdocsException {
  private final Role needed;

  public AccessDeniedException(String collection, Role needed) {
    super(
        "this needs the "
            + needed.name().toLowerCase(java.util.Locale.ROOT)
            + " role in collection '"
            + collection
            + "'");
    this.needed = needed;
  }

  public Role needed() {
    return needed;
  }
}
