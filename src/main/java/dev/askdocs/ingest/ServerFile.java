package dev.askdocs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a running {@code serve} can be reached, written into its index folder while it serves and
 * removed when it stops. The index folder is what a second process shares with the server (its lock
 * is what refuses the second writer), so a command pointed at the same index finds the server
 * without any other setting; a file left by a crashed server is only read after the index lock says
 * a server holds the index, and then fails to connect.
 *
 * @param host where to connect: the bound host, or the loopback address for a wildcard bind
 * @param port the HTTP port
 * @param pid the server's process id, for messages
 * @param corpus the absolute corpus folder the server ingests
 */
public record ServerFile(String host, int port, long pid, String corpus) {
  private static final Logger LOG = LoggerFactory.getLogger(ServerFile.class);
  public static final String NAME = "server.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** This process serving on {@code port}, bound to {@code host}, ingesting {@code corpus}. */
  public static ServerFile of(String host, int port, Path corpus) {
    String connect = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return new ServerFile(
        connect,
        port,
        ProcessHandle.current().pid(),
        corpus.toAbsolutePath().normalize().toString());
  }

  /** Writes this file into {@code indexDir}, whole or not at all. */
  public void write(Path indexDir) {
    try {
      Files.createDirectories(indexDir);
      Path tmp = indexDir.resolve(NAME + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(
          tmp,
          indexDir.resolve(NAME),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + indexDir.resolve(NAME), e);
    }
  }

  /** Removes the file, if it is this process's. */
  public static void remove(Path indexDir) {
    Path file = indexDir.resolve(NAME);
    Optional<ServerFile> current = read(indexDir);
    if (current.isPresent() && current.get().pid() == ProcessHandle.current().pid()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Harmless: the next reader finds no server at that port, and the next serve overwrites it.
        LOG.warn("cannot remove {}: {}", file, e.getMessage());
      }
    }
  }

  /** The server file in {@code indexDir}, if there is a readable one. */
  public static Optional<ServerFile> read(Path indexDir) {
    Path file = indexDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), ServerFile.class));
    } catch (IOException e) {
      LOG.warn("ignoring {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** The server's base URL. */
  public String baseUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }
}
