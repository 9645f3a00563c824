package dev.askdocs.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The loaders askdocs knows, chosen by file extension (case-insensitive), plus a size limit.
 *
 * <p>{@link #load} is the one entry point the ingester needs: it either returns a document that
 * honours the {@link DocumentLoader} contract or throws {@link DocumentLoadException} with a reason
 * fit to show a user ("unsupported file type: .xyz", "file too large: N bytes, limit M", "cannot
 * read file: ...", or the loader's own reason). Immutable and thread-safe.
 */
public final class DocumentLoaders {
  /** The limit {@link #standard()} uses: 50 MiB. */
  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

  private final Map<String, DocumentLoader> byExtension;
  private final long maxBytes;

  /**
   * @param loaders loaders to register; two loaders claiming one extension is a programming error
   * @param maxBytes files larger than this are rejected before any loader reads them; positive
   */
  public DocumentLoaders(List<DocumentLoader> loaders, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    Map<String, DocumentLoader> map = new LinkedHashMap<>();
    for (DocumentLoader loader : loaders) {
      for (String extension : loader.extensions()) {
        String key = extension.toLowerCase(Locale.ROOT);
        if (map.putIfAbsent(key, loader) != null) {
          throw new IllegalArgumentException("two loaders for extension ." + key);
        }
      }
    }
    this.byExtension = Map.copyOf(map);
    this.maxBytes = maxBytes;
  }

  /** Text, Markdown, HTML and PDF loaders with the {@link #DEFAULT_MAX_BYTES} limit. */
  public static DocumentLoaders standard() {
    return standard(DEFAULT_MAX_BYTES);
  }

  /** Text, Markdown, HTML and PDF loaders, rejecting files larger than {@code maxBytes}. */
  public static DocumentLoaders standard(long maxBytes) {
    return new DocumentLoaders(
        List.of(new TextLoader(), new MarkdownLoader(), new HtmlLoader(), new PdfLoader()),
        maxBytes);
  }

  /** The loader for {@code file}'s extension, or empty when the type is not supported. */
  public Optional<DocumentLoader> forFile(Path file) {
    return extension(file).map(byExtension::get);
  }

  /** Every supported extension, lower case, without the dot. */
  public Set<String> extensions() {
    return byExtension.keySet();
  }

  /** Files larger than this many bytes are rejected. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Loads {@code file} with the loader for its extension.
   *
   * @throws DocumentLoadException when the type is unsupported, the file is missing, unreadable or
   *     too large, or its loader rejects the content
   */
  public LoadedDocument load(Path file) {
    DocumentLoader loader =
        forFile(file)
            .orElseThrow(
                () ->
                    new DocumentLoadException(
                        extension(file)
                            .map(ext -> "unsupported file type: ." + ext)
                            .orElse("unsupported file type: no extension")));
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        throw new DocumentLoadException(
            Files.exists(file) ? "not a regular file" : "cannot read file: file not found");
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw ReadFailure.of(e);
    }
    if (size > maxBytes) {
      throw new DocumentLoadException("file too large: " + size + " bytes, limit " + maxBytes);
    }
    if (!Files.isReadable(file)) {
      throw new DocumentLoadException("cannot read file: permission denied");
    }
    return loader.load(file);
  }

  /** The lower-cased text after the last dot; a leading dot alone (".profile") is no extension. */
  private static Optional<String> extension(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String fileName = name.toString();
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0 || dot == fileName.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
