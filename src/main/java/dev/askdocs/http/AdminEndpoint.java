package dev.askdocs.http;

import dev.askdocs.NotFoundException;
import dev.askdocs.ingest.IngestProgress;
import dev.askdocs.ingest.IngestRequest;
import dev.askdocs.ingest.IngestRuns;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code POST /api/v1/admin/ingest} (ingest the corpus folder now, in the background) and {@code
 * GET /api/v1/admin/ingest/{id}} (how that request is doing): how {@code askdocs ingest} works
 * while a server holds the index. With API keys, a key is needed, as everywhere in the API ({@link
 * ApiGuard}); without keys, only this machine may call them, even with {@code
 * ASKDOCS_ALLOW_PUBLIC}.
 */
final class AdminEndpoint {
  private final IngestRuns runs;
  private final boolean keysRequired;

  private final Scopes scopes;

  AdminEndpoint(IngestRuns runs, boolean keysRequired, Scopes scopes) {
    this.scopes = scopes;
    this.runs = runs;
    this.keysRequired = keysRequired;
  }

  /** A request and, if one runs, the running ingest (which may be another one it waits for). */
  record IngestRequestStatus(IngestRequest.View request, IngestProgress.Status running) {}

  void ingest(Context ctx) {
    requireAdmin(ctx);
    IngestRequest r = runs.request();
    ctx.status(202).json(new IngestRequestStatus(r.view(), runs.progress().orElse(null)));
  }

  void status(Context ctx) {
    requireAdmin(ctx);
    String raw = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new NotFoundException("no ingest request '" + raw + "'");
    }
    IngestRequest r =
        runs.request(id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no ingest request " + id + " (only the latest one is kept)"));
    ctx.json(new IngestRequestStatus(r.view(), runs.progress().orElse(null)));
  }

  private void requireAdmin(Context ctx) {
    if (!scopes.administersAll(Callers.of(ctx))) {
      // An ingest goes through every collection's folders: only who administers them all.
      throw new RefusedException(
          RefusedException.Kind.FORBIDDEN, "an ingest needs the admin role in every collection");
    }
    if (!keysRequired && !loopback(ctx.req().getRemoteAddr())) {
      throw new RefusedException(
          RefusedException.Kind.FORBIDDEN,
          "without API keys, ingest can only be asked for from the server's own machine");
    }
  }

  private static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
