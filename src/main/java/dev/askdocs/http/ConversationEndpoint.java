package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.NotFoundException;
import dev.askdocs.chat.Conversation;
import dev.askdocs.chat.ConversationStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The caller's conversation history: {@code GET /api/v1/conversations} (newest first, {@code q}
 * searches), one conversation with its turns, rename ({@code PATCH}), delete (one or all) and
 * export as Markdown or JSON. A conversation of another caller is 404, as one that never existed.
 */
final class ConversationEndpoint {
  static final String PATH = "/api/v1/conversations";
  static final int MAX_TITLE_CHARS = 200;
  static final int MAX_LIMIT = 100;
  private static final int EXPORT_PAGE = 100;

  private final ConversationStore store;
  private final JsonBodies bodies;

  ConversationEndpoint(ConversationStore store, JsonBodies bodies) {
    this.store = store;
    this.bodies = bodies;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get(PATH, this::list);
    cfg.routes.delete(PATH, this::deleteAll);
    cfg.routes.get(PATH + "/export", this::exportAll);
    cfg.routes.get(PATH + "/{id}", this::get);
    cfg.routes.patch(PATH + "/{id}", this::rename);
    cfg.routes.delete(PATH + "/{id}", this::delete);
    cfg.routes.get(PATH + "/{id}/export", this::exportOne);
  }

  void list(Context ctx) {
    int limit = JsonBodies.queryInt(ctx, "limit", 20, 1, MAX_LIMIT);
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !cursor.matches("\\d{1,9}")) {
      throw new BadInputException("bad_value", "cursor", "'cursor' must be a page's 'next'");
    }
    String q = ctx.queryParam("q");
    if (q != null && q.length() > 500) {
      throw new BadInputException("too_long", "q", "'q' is longer than 500 characters");
    }
    Conversation.Page page = store.list(Scopes.conversationOwner(ctx), q, limit, cursor);
    List<Summary> out = new ArrayList<>();
    for (Conversation c : page.conversations()) {
      out.add(new Summary(c.id(), c.title(), c.collection(), c.updatedAt()));
    }
    ctx.json(new Listing(out, page.next()));
  }

  void get(Context ctx) {
    ctx.json(find(ctx));
  }

  void rename(Context ctx) {
    JsonNode body = bodies.object(ctx);
    String title = JsonBodies.requiredText(body, "title", MAX_TITLE_CHARS);
    String owner = Scopes.conversationOwner(ctx);
    if (!store.rename(owner, id(ctx), title)) {
      throw notFound(ctx);
    }
    ctx.json(store.find(owner, id(ctx)).orElseThrow(() -> notFound(ctx)));
  }

  void delete(Context ctx) {
    if (!store.delete(Scopes.conversationOwner(ctx), id(ctx))) {
      throw notFound(ctx);
    }
    ctx.json(new Deleted(1));
  }

  void deleteAll(Context ctx) {
    ctx.json(new Deleted(store.deleteAll(Scopes.conversationOwner(ctx))));
  }

  void exportOne(Context ctx) {
    export(ctx, List.of(find(ctx)), "conversation-" + id(ctx));
  }

  void exportAll(Context ctx) {
    String owner = Scopes.conversationOwner(ctx);
    List<Conversation> all = new ArrayList<>();
    String cursor = null;
    do {
      Conversation.Page page = store.list(owner, "", EXPORT_PAGE, cursor);
      for (Conversation c : page.conversations()) {
        store.find(owner, c.id()).ifPresent(all::add);
      }
      cursor = page.next();
    } while (cursor != null);
    export(ctx, all, "conversations");
  }

  private void export(Context ctx, List<Conversation> conversations, String name) {
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("md");
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
        ctx.json(new Export(conversations));
      }
      case "md" -> {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".md\"");
        ctx.contentType("text/markdown; charset=utf-8");
        ctx.result(ConversationMarkdown.of(conversations));
      }
      default ->
          throw new BadInputException("bad_value", "format", "'format' must be \"md\" or \"json\"");
    }
  }

  private Conversation find(Context ctx) {
    return store.find(Scopes.conversationOwner(ctx), id(ctx)).orElseThrow(() -> notFound(ctx));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static NotFoundException notFound(Context ctx) {
    return new NotFoundException("no conversation " + id(ctx));
  }

  record Summary(String id, String title, String collection, Instant updatedAt) {}

  record Listing(List<Summary> conversations, String next) {}

  record Deleted(int deleted) {}

  record Export(List<Conversation> conversations) {}
}
