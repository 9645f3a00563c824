package dev.askdocs.http;

import dev.askdocs.access.Identity;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.ConfigException;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.config.KeySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys askdocs accepts: fixed ones from the environment plus those of a keys file, which is
 * re-read when it changes (so deleting a line revokes that key without a restart). Keys are held
 * only as SHA-256 digests and compared in constant time; a key is never logged, only its
 * fingerprint (the first 8 hex digits of its digest). Named keys from {@code askdocs.yml} ({@link
 * KeySettings}) are identities with groups; a named key's {@code keyFile} is re-read when it
 * changes, and a key file that is gone revokes its key. Thread-safe.
 */
final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

  private final List<byte[]> fixed;
  private final Path file;
  private volatile String fileVersion;
  private volatile List<byte[]> fromFile = List.of();
  private final List<NamedKey> named;

  /**
   * @param file a file of keys, one per line ({@code #} starts a comment); null for none
   */
  ApiKeys(List<String> keys, Path file) {
    this(keys, file, List.of());
  }

  /**
   * @param file a file of keys, one per line ({@code #} starts a comment); null for none
   * @param named the keys {@code askdocs.yml} declares, with names and groups
   */
  ApiKeys(List<String> keys, Path file, List<KeySettings> named) {
    this.fixed = keys.stream().map(ApiKeys::digest).toList();
    this.file = file;
    this.named = named.stream().map(NamedKey::new).toList();
    for (NamedKey k : this.named) {
      if (k.digest == null) {
        throw new ConfigException(
            ConfigFile.VARIABLE,
            "API key '" + k.settings.name() + "' names a keyFile askdocs cannot read");
      }
    }
    if (file != null) {
      reloadIfChanged();
      if (fileVersion == null) {
        throw new ConfigException(
            ApiSettings.KEYS_FILE.name(), "names a file askdocs cannot read: " + file);
      }
    }
  }

  /** What a request's {@code Authorization} header amounts to. */
  sealed interface Check {}

  /** No bearer key was sent. */
  record Missing() implements Check {}

  /** A key was sent that askdocs does not accept (wrong, or revoked). */
  record Refused() implements Check {}

  /**
   * An accepted key, known by its fingerprint.
   *
   * @param named the declaration of a named key; null for a key of {@code ASKDOCS_API_KEYS}
   */
  record Accepted(String fingerprint, KeySettings named) implements Check {
    /** Who holds the key. */
    Identity identity() {
      return named == null
          ? new Identity("key-" + fingerprint, Set.of(), Identity.Kind.LEGACY_KEY, Set.of())
          : new Identity(
              named.name(),
              Set.copyOf(named.groups()),
              Identity.Kind.KEY,
              Set.copyOf(named.collections()));
    }
  }

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
    KeySettings holder = null;
    for (NamedKey k : named) {
      byte[] d = k.current();
      if (d != null && MessageDigest.isEqual(d, presented)) {
        holder = k.settings;
      }
    }
    String fingerprint = HexFormat.of().formatHex(presented, 0, 4);
    return match || holder != null ? new Accepted(fingerprint, holder) : new Refused();
  }

  /** How many keys are accepted now. */
  int count() {
    return fixed.size() + fromFile.size() + named.size();
  }

  /** A key with a name; its secret read again from its file when the file changes. */
  private static final class NamedKey {
    private final KeySettings settings;
    private volatile String version;
    private volatile byte[] digest;

    NamedKey(KeySettings settings) {
      this.settings = settings;
      if (settings.key() != null) {
        digest = digest(settings.key().strip());
      } else {
        current();
      }
    }

    /** The key's digest now; null when its file is gone or empty (the key is revoked). */
    synchronized byte[] current() {
      Path f = settings.keyFile();
      if (f == null) {
        return digest;
      }
      try {
        String v = Files.getLastModifiedTime(f) + "/" + Files.size(f);
        if (!v.equals(version)) {
          String k = Files.readString(f, StandardCharsets.UTF_8).strip();
          digest = k.length() < 16 ? null : digest(k);
          version = v;
          if (digest == null) {
            LOG.warn("API key '{}': {} holds no key of 16 characters or more", settings.name(), f);
          }
        }
      } catch (IOException e) {
        // A key file that is gone revokes its key: deleting the file is how a key is withdrawn.
        LOG.warn("API key '{}' revoked: cannot read {}", settings.name(), f);
        digest = null;
        version = null;
      }
      return digest;
    }
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
