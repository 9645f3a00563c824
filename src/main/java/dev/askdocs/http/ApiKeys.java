package dev.askdocs.http;

import dev.askdocs.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys askdocs accepts: fixed ones from the environment plus those of a keys file, which is
 * re-read when it changes (so deleting a line revokes that key without a restart). Keys are held
 * only as SHA-256 digests and compared in constant time; a key is never logged, only its
 * fingerprint (the first 8 hex digits of its digest). Thread-safe.
 */
final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

  private final List<byte[]> fixed;
  private final Path file;
  private volatile String fileVersion;
  private volatile List<byte[]> fromFile = List.of();

  /**
   * @param file a file of keys, one per line ({@code #} starts a comment); null for none
   */
  ApiKeys(List<String> keys, Path file) {
    this.fixed = keys.stream().map(ApiKeys::digest).toList();
    this.file = file;
    if (file != null) {
      reloadIfChanged();
      if (fileVersion == null) {
        throw new ConfigException(
            "ASKDOCS_API_KEYS_FILE", "names a file askdocs cannot read: " + file);
      }
    }
  }

  /** What a request's {@code Authorization} header amounts to. */
  sealed interface Check {}

  /** No bearer key was sent. */
  record Missing() implements Check {}

  /** A key was sent that askdocs does not accept (wrong, or revoked). */
  record Refused() implements Check {}

  /** An accepted key, known by its fingerprint. */
  record Accepted(String fingerprint) implements Check {}

  Check check(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Missing();
    }
    String key = authorization.substring(7).strip();
    if (key.isEmpty()) {
      return new Missing();
    }
    if (file != null) {
      reloadIfChanged();
    }
    byte[] presented = digest(key);
    boolean match = false;
    // Every key is compared, matched or not, so the time taken says nothing about which matched.
    for (byte[] k : fixed) {
      match |= MessageDigest.isEqual(k, presented);
    }
    for (byte[] k : fromFile) {
      match |= MessageDigest.isEqual(k, presented);
    }
    return match ? new Accepted(HexFormat.of().formatHex(presented, 0, 4)) : new Refused();
  }

  /** How many keys are accepted now. */
  int count() {
    return fixed.size() + fromFile.size();
  }

  private synchronized void reloadIfChanged() {
    try {
      // Time and size: a quick rewrite within the clock's resolution still changes the size.
      String version = Files.getLastModifiedTime(file) + "/" + Files.size(file);
      if (version.equals(fileVersion)) {
        return;
      }
      List<byte[]> keys = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String k = line.replaceAll("#.*", "").strip();
        if (!k.isEmpty()) {
          keys.add(digest(k));
        }
      }
      fromFile = List.copyOf(keys);
      fileVersion = version;
      LOG.info("API keys file {}: {} keys", file, keys.size());
    } catch (IOException e) {
      // Keep the keys last read: a file being rewritten must not open or close the door.
      LOG.warn("cannot read the API keys file {}: {}", file, e.getMessage());
    }
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
