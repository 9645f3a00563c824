package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.BadInputException;
import dev.askdocs.backup.BackupManifest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code POST /api/v1/admin/backup} with {@code {"target": "/absolute/new/folder"}}: writes a
 * backup of the running server into a folder on the server's machine and answers its manifest; how
 * {@code askdocs backup} works while a server holds the index. Guarded as the other admin routes:
 * with API keys a key is needed, without keys only this machine may call it.
 */
final class BackupEndpoint {
  static final String PATH = "/api/v1/admin/backup";

  private final Function<Path, BackupManifest> backup;
  private final boolean keysRequired;
  private final JsonBodies bodies;

  BackupEndpoint(Function<Path, BackupManifest> backup, boolean keysRequired, JsonBodies bodies) {
    this.backup = backup;
    this.keysRequired = keysRequired;
    this.bodies = bodies;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(PATH, this::backup);
  }

  void backup(Context ctx) {
    if (!keysRequired && !MetricsEndpoint.loopback(ctx.req().getRemoteAddr())) {
      throw new RefusedException(
          RefusedException.Kind.FORBIDDEN,
          "without API keys, a backup can only be asked for from the server's own machine");
    }
    JsonNode body = bodies.object(ctx);
    JsonNode target = body.get("target");
    if (target == null || !target.isTextual() || target.asText().isBlank()) {
      throw new BadInputException(
          "missing_field", "target", "'target' must name the new backup folder");
    }
    Path path;
    try {
      path = Path.of(target.asText());
    } catch (InvalidPathException e) {
      throw new BadInputException(
          "bad_value", "target", "'target' is not a path: " + e.getMessage());
    }
    ctx.status(201).json(backup.apply(path));
  }
}
