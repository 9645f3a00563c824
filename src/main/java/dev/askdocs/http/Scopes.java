package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.access.AccessPolicy;
import dev.askdocs.access.Identity;
import dev.askdocs.access.Role;
import dev.askdocs.index.ChunkFilter;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Turns a request's caller and the collection it names (or its default) into the filter its
 * searches run with: access control happens inside the index query, never after it.
 */
final class Scopes {
  private final AccessPolicy access;

  Scopes(AccessPolicy access) {
    this.access = access;
  }

  AccessPolicy policy() {
    return access;
  }

  /** The collection a JSON body names in {@code "collection"}, resolved for the caller. */
  String collection(Context ctx, JsonNode body, Role needed) {
    JsonNode v = body == null ? null : body.get("collection");
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw new BadInputException("wrong_type", "collection", "'collection' must be a string");
    }
    return access.resolve(Callers.of(ctx), v == null || v.isNull() ? null : v.asText(), needed);
  }

  /** The collection the query parameter {@code collection} names, resolved for the caller. */
  String collection(Context ctx, Role needed) {
    return access.resolve(Callers.of(ctx), ctx.queryParam("collection"), needed);
  }

  /** {@code filter}, limited to one collection. */
  static ChunkFilter within(ChunkFilter filter, String collection) {
    return filter.within(Set.of(collection));
  }

  /**
   * The collections a lookup of a document by id runs in: the one {@code ?collection=} names, else
   * every collection the caller may read.
   */
  ChunkFilter forDocument(Context ctx) {
    return ctx.queryParam("collection") == null
        ? readable(ctx)
        : ChunkFilter.collections(Set.of(collection(ctx, Role.READER)));
  }

  /** Every collection the caller may read: for looking up a document by id alone. */
  ChunkFilter readable(Context ctx) {
    return only(access.readable(Callers.of(ctx)));
  }

  /** A filter of exactly these collections; of none at all when {@code names} is empty. */
  private static ChunkFilter only(Set<String> names) {
    // An empty set would mean "any collection": a caller with none may read nothing.
    return ChunkFilter.collections(names.isEmpty() ? Set.of(NO_COLLECTION) : names);
  }

  /** A name no collection can have (names are checked against a pattern without NUL). */
  private static final String NO_COLLECTION = "\u0000none";

  /**
   * {@code readable}, limited to the collections where the caller may edit; a document the caller
   * may read but not edit is refused with 403 rather than reported missing.
   */
  ChunkFilter editable(Context ctx, ChunkFilter readable) {
    var grants = access.grants(Callers.of(ctx));
    Set<String> editable = new java.util.HashSet<>();
    for (String c : readable.collections()) {
      Role r = grants.get(c);
      if (r != null && r.includes(Role.EDITOR)) {
        editable.add(c);
      }
    }
    if (editable.isEmpty() && !readable.collections().isEmpty() && !grants.isEmpty()) {
      String any =
          readable.collections().stream().filter(grants::containsKey).findFirst().orElse(null);
      if (any != null) {
        throw new dev.askdocs.access.AccessDeniedException(any, Role.EDITOR);
      }
    }
    return only(editable);
  }

  /** True when {@code who} administers every collection: it may see whole-service figures. */
  boolean administersAll(Identity who) {
    var grants = access.grants(who);
    return grants.keySet().containsAll(access.names())
        && grants.values().stream().allMatch(r -> r.includes(Role.ADMIN));
  }

  /**
   * A conversation's key: the same id in another collection or by another caller is another one.
   */
  /**
   * Whose conversations a request reads and writes: the caller's identity, or, for the local
   * identity everyone shares when neither keys nor sign-in are configured, the browser's own
   * anonymous id when the page sends one ({@value #BROWSER_HEADER}).
   */
  static String conversationOwner(io.javalin.http.Context ctx) {
    Identity who = Callers.of(ctx);
    String browser = ctx.header(BROWSER_HEADER);
    if (who.kind() == Identity.Kind.LOCAL
        && browser != null
        && BROWSER_ID.matcher(browser).matches()) {
      return "browser:" + browser;
    }
    return who.kind() + ":" + who.name();
  }

  static final String BROWSER_HEADER = "X-Askdocs-Browser";
  private static final java.util.regex.Pattern BROWSER_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]{8,64}");
}
