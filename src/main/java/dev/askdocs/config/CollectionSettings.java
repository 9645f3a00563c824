package dev.askdocs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named knowledge base: its sources, and the groups that may read it, change its documents, or
 * administer it. The collection is the unit of access.
 *
 * @param name lower-case letters, digits, '-' and '_', at most 64 characters
 * @param folders folders whose documents it holds (uploads go into the first)
 * @param sites web sites it follows
 * @param readers groups that may ask, search and read its documents
 * @param editors groups that may also upload and delete documents
 * @param admins groups that may also read feedback and start an ingest
 */
public record CollectionSettings(
    @JsonProperty("name") String name,
    @JsonProperty("folders") List<Path> folders,
    @JsonProperty("sites") List<SiteSettings> sites,
    @JsonProperty("readers") List<String> readers,
    @JsonProperty("editors") List<String> editors,
    @JsonProperty("admins") List<String> admins) {
  /** The collection of a zero-configuration start, and of callers that name none. */
  public static final String DEFAULT = "default";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public CollectionSettings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'name' must be 1-64 lower-case letters, digits, '-' or '_', was '" + name + "'");
    }
    folders = folders == null ? List.of() : List.copyOf(folders);
    sites = sites == null ? List.of() : List.copyOf(sites);
    readers = readers == null ? List.of() : List.copyOf(readers);
    editors = editors == null ? List.of() : List.copyOf(editors);
    admins = admins == null ? List.of() : List.copyOf(admins);
  }

  /** The one collection of a start without a configuration file: {@code default} over a folder. */
  public static CollectionSettings defaultOver(Path corpusDir) {
    return new CollectionSettings(
        DEFAULT, List.of(corpusDir), List.of(), List.of(), List.of(), List.of());
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
