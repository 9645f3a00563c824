package dev.askdocs.embed;

import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ONNX Runtime reads a model from. Inside a jar the model is compressed, and inflating 90 MB
 * costs about half a second of CPU at every start; so it is extracted once into a cache folder,
 * named by the jar entry's CRC and size, and read from there on later starts. A model that is a
 * plain file already (classes folders, tests) is read where it is. Without a usable cache folder
 * the caller reads the bytes from the jar, as before.
 */
final class ModelFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

  private ModelFiles() {}

  /**
   * The model as a file: in place, or extracted into {@code cacheDir} (may be null) when inside a
   * jar; empty when it must be read from the jar.
   */
  static Optional<Path> locate(String resource, Path cacheDir) {
    URL url = ModelFiles.class.getResource(resource);
    if (url == null) {
      throw new AskdocsException("model resource missing from the classpath: " + resource);
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return Optional.of(Path.of(url.toURI()));
      }
      if (cacheDir == null || !(url.openConnection() instanceof JarURLConnection jar)) {
        return Optional.empty();
      }
      jar.setUseCaches(false);
      JarEntry entry = jar.getJarEntry();
      String base = resource.substring(resource.lastIndexOf('/') + 1).replace(".onnx", "");
      Path target =
          cacheDir.resolve(String.format("%s-%08x-%d.onnx", base, entry.getCrc(), entry.getSize()));
      if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
        return Optional.of(target);
      }
      Files.createDirectories(cacheDir);
      // Another process may extract at the same time: each writes its own file, then renames.
      Path part = Files.createTempFile(cacheDir, base, ".part");
      try (InputStream in = jar.getInputStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
      return Optional.of(target);
    } catch (IOException e) {
      LOG.warn(
          "cannot cache model {} in {} ({}); reading it from the jar",
          resource,
          cacheDir,
          e.toString());
      return Optional.empty();
    } catch (URISyntaxException e) {
      throw new AskdocsException("cannot locate model " + resource + ": " + e.getMessage(), e);
    }
  }
}
