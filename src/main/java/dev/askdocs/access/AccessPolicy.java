package dev.askdocs.access;

import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.config.CollectionSettings;
import dev.askdocs.index.ChunkFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in which collection. Groups (from the identity provider or an API key's
 * configuration) are granted roles per collection; {@code "*"} in a list grants every signed-in
 * person and every configured key. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link Identity.Kind#LOCAL} (no keys and no sign-in, loopback only): admin everywhere.
 *   <li>{@link Identity.Kind#LEGACY_KEY} ({@code ASKDOCS_API_KEYS}): admin of {@code default}.
 *   <li>Without a configuration file, the one collection {@code default} grants every caller admin,
 *       as askdocs did before collections.
 *   <li>Otherwise each collection grants what its {@code readers}, {@code editors} and {@code
 *       admins} say, and nothing else.
 * </ul>
 *
 * <p>A collection the caller may not read is reported as not found, exactly like one that does not
 * exist, so names of collections do not leak either.
 */
public final class AccessPolicy {
  private static final String ANY = "*";

  private final Map<String, CollectionSettings> collections = new LinkedHashMap<>();
  private final boolean implicit;

  /**
   * @param collections the declared collections, in order
   * @param implicit true when no file declared them (the zero-configuration {@code default})
   */
  public AccessPolicy(List<CollectionSettings> collections, boolean implicit) {
    collections.forEach(c -> this.collections.put(c.name(), c));
    this.implicit = implicit;
  }

  /** Every collection's name, in declaration order. */
  public List<String> names() {
    return List.copyOf(collections.keySet());
  }

  /** The role {@code who} has in each collection it may read, in declaration order. */
  public Map<String, Role> grants(Identity who) {
    Map<String, Role> out = new LinkedHashMap<>();
    for (CollectionSettings c : collections.values()) {
      Role r = roleIn(who, c);
      if (r != null && (who.collections().isEmpty() || who.collections().contains(c.name()))) {
        out.put(c.name(), r);
      }
    }
    return out;
  }

  /** The collections {@code who} may read. */
  public Set<String> readable(Identity who) {
    return Set.copyOf(grants(who).keySet());
  }

  /**
   * The collection a request works on: the one it names, or the caller's default.
   *
   * @param requested the name the request gave, or null/blank for the default
   * @throws NotFoundException when the caller may not read it, or it does not exist
   * @throws AccessDeniedException when the caller may read it but lacks {@code needed}
   * @throws BadInputException when the name cannot be a collection's name
   */
  public String resolve(Identity who, String requested, Role needed) {
    String name = requested == null || requested.isBlank() ? null : requested.strip();
    if (name != null && !CollectionSettings.isValidName(name)) {
      throw new BadInputException(
          "bad_value",
          "collection",
          "'collection' must be 1-64 lower-case letters, digits, '-' or '_'");
    }
    Map<String, Role> grants = grants(who);
    if (name == null) {
      name = defaultOf(grants);
    }
    Role role = grants.get(name);
    if (role == null) {
      throw new NotFoundException("no collection named '" + name + "'");
    }
    if (!role.includes(needed)) {
      throw new AccessDeniedException(name, needed);
    }
    return name;
  }

  /** A filter of exactly the one collection {@link #resolve} gives. */
  public ChunkFilter filter(Identity who, String requested, Role needed) {
    return ChunkFilter.collections(Set.of(resolve(who, requested, needed)));
  }

  /** The caller's default collection: {@code default} if it may read it, else its first one. */
  public String defaultCollection(Identity who) {
    return defaultOf(grants(who));
  }

  private static String defaultOf(Map<String, Role> grants) {
    if (grants.containsKey(CollectionSettings.DEFAULT)) {
      return CollectionSettings.DEFAULT;
    }
    if (grants.isEmpty()) {
      throw new NotFoundException("there is no collection you may read");
    }
    return grants.keySet().iterator().next();
  }

  private Role roleIn(Identity who, CollectionSettings c) {
    switch (who.kind()) {
      case LOCAL:
        return Role.ADMIN;
      case LEGACY_KEY:
        return CollectionSettings.DEFAULT.equals(c.name()) ? Role.ADMIN : null;
      default:
        break;
    }
    if (implicit) {
      return Role.ADMIN;
    }
    if (grantsTo(who, c.admins())) {
      return Role.ADMIN;
    }
    if (grantsTo(who, c.editors())) {
      return Role.EDITOR;
    }
    return grantsTo(who, c.readers()) ? Role.READER : null;
  }

  private static boolean grantsTo(Identity who, List<String> groups) {
    for (String g : groups) {
      if (ANY.equals(g) || who.groups().contains(g)) {
        return true;
      }
    }
    return false;
  }
}
