package dev.askdocs.access;

/** What a caller may do in a collection; each role includes the ones before it. */
public enum Role {
  /** Ask, search, chat, and read documents. */
  READER,
  /** Also upload and delete documents. */
  EDITOR,
  /** Also read feedback and start an ingest. */
  ADMIN;

  /** True when this role allows what {@code needed} allows. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }
}
