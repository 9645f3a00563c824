package dev.askdocs.access;

import java.util.Set;

/**
 * Who is asking: a signed-in person, the holder of an API key, or, when askdocs serves its own
 * machine without keys or sign-in, the local user.
 *
 * @param name a stable name for logs, feedback and conversations: the person's subject or e-mail,
 *     the key's name, or {@code local}
 * @param groups the groups it acts for (from the identity provider's groups claim or the key's
 *     configuration)
 * @param kind how the caller proved who it is
 * @param collections when not empty, the only collections it may reach, whatever its groups (an API
 *     key limited to some collections)
 */
public record Identity(String name, Set<String> groups, Kind kind, Set<String> collections) {
  public enum Kind {
    /** Signed in through OpenID Connect; the session cookie carries it. */
    PERSON,
    /** An API key from the configuration. */
    KEY,
    /**
     * A key from {@code ASKDOCS_API_KEYS}: full access to {@code default}, as before collections.
     */
    LEGACY_KEY,
    /** No keys and no sign-in are configured, and askdocs serves this machine only. */
    LOCAL
  }

  public Identity {
    groups = Set.copyOf(groups);
    collections = Set.copyOf(collections);
  }

  /** The caller of a zero-configuration start. */
  public static Identity local() {
    return new Identity("local", Set.of(), Kind.LOCAL, Set.of());
  }
}
