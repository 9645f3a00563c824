package dev.askdocs.http;

import dev.askdocs.access.Identity;
import dev.askdocs.config.ConfigException;
import dev.askdocs.config.KeySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of {@code askdocs.yml}: each one an identity with a name and groups. A key file is
 * read again at every check when it changed, so revoking a key takes effect at once. Thread-safe.
 */
final class NamedKeys {
  private record Entry(KeySettings settings, byte[] digest, long modified) {}

  private final List<Entry> entries = new ArrayList<>();

  NamedKeys(List<KeySettings> keys) {
    for (KeySettings k : keys) {
      entries.add(load(k));
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int count() {
    return entries.size();
  }

  /** The identity of the key in a {@code Bearer} header, if it is one of these keys. */
  synchronized Optional<Identity> check(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = digest(authorization.substring(7).strip());
    Identity found = null;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = refreshed(entries.get(i));
      entries.set(i, e);
      // Every key is compared, so the time taken says nothing about which one matched.
      if (e.digest() != null && MessageDigest.isEqual(presented, e.digest()) && found == null) {
        KeySettings k = e.settings();
        found =
            new Identity(
                k.name(),
                java.util.Set.copyOf(k.groups()),
                Identity.Kind.KEY,
                java.util.Set.copyOf(k.collections()));
      }
    }
    return Optional.ofNullable(found);
  }

  private static Entry refreshed(Entry e) {
    if (e.settings().keyFile() == null) {
      return e;
    }
    long modified = modified(e);
    return modified == e.modified() ? e : load(e.settings());
  }

  private static long modified(Entry e) {
    try {
      return Files.getLastModifiedTime(e.settings().keyFile()).toMillis();
    } catch (IOException ex) {
      return -1; // a removed key file revokes its key; load() says so
    }
  }

  private static Entry load(KeySettings k) {
    if (k.keyFile() == null) {
      return new Entry(k, digest(k.key().strip()), 0);
    }
    try {
      long modified = Files.getLastModifiedTime(k.keyFile()).toMillis();
      String key = Files.readString(k.keyFile(), StandardCharsets.UTF_8).strip();
      if (key.length() < 16) {
        throw new ConfigException(
            "ASKDOCS_CONFIG",
            "key file of API key '" + k.name() + "' holds fewer than 16 characters");
      }
      return new Entry(k, digest(key), modified);
    } catch (IOException e) {
      // The key stays refused until its file can be read again.
      return new Entry(k, null, -1);
    }
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
