package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

/**
 * An API key as an identity: who holds it and the groups it acts for.
 *
 * @param name shown in logs and feedback instead of the key
 * @param key the secret, at least 16 characters; or null with {@code keyFile}
 * @param keyFile a file holding the secret (read at start-up and when keys are reloaded)
 * @param groups the groups the key acts for
 * @param collections when not empty, the key reaches only these collections, whatever its groups
 */
public record KeySettings(
    @JsonProperty("name") String name,
    @JsonProperty("key") String key,
    @JsonProperty("keyFile") Path keyFile,
    @JsonProperty("groups") List<String> groups,
    @JsonProperty("collections") List<String> collections) {
  public KeySettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an API key needs a 'name'");
    }
    if ((key == null) == (keyFile == null)) {
      throw new IllegalArgumentException(
          "API key '" + name + "' needs exactly one of 'key' and 'keyFile'");
    }
    if (key != null && key.strip().length() < 16) {
      throw new IllegalArgumentException("API key '" + name + "' is shorter than 16 characters");
    }
    groups = groups == null ? List.of() : List.copyOf(groups);
    collections = collections == null ? List.of() : List.copyOf(collections);
  }
}
