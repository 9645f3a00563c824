package dev.askdocs.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The chat page's files ({@code web/} on the class path), copied into a new private folder that
 * Javalin serves as an external location. Served from the class path, Javalin opened the whole 300
 * MB jar (66,000 entries) as a zip file system at start, about 1.35 s of CPU on the main thread;
 * the copy reads the few files through the jar the JVM already has open. The folder is made with
 * owner-only permissions ({@link Files#createTempDirectory}) and removed when the JVM exits.
 * Stateless; each call makes its own folder.
 */
final class WebFolder {
  static final String RESOURCE = "web/";
  private static final String MARKER = RESOURCE + "index.html";

  private WebFolder() {}

  /** A new folder holding a copy of every file under {@code web/} on the class path. */
  static Path extract() {
    URL marker = WebFolder.class.getClassLoader().getResource(MARKER);
    if (marker == null) {
      throw new IllegalStateException(MARKER + " is not on the class path");
    }
    try {
      Path to = Files.createTempDirectory("askdocs-web-");
      to.toFile().deleteOnExit();
      for (String name : names(marker)) {
        Path file = to.resolve(name).normalize();
        if (!file.startsWith(to)) {
          throw new IllegalStateException("web file outside its folder: " + name);
        }
        Files.createDirectories(file.getParent());
        // Registered before it exists, so that it is deleted before its folder at exit.
        file.toFile().deleteOnExit();
        try (InputStream in =
            WebFolder.class.getClassLoader().getResourceAsStream(RESOURCE + name)) {
          Files.copy(in, file);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the chat page's files", e);
    }
  }

  /** The files' names under {@code web/}, from the jar or from the classes folder. */
  static List<String> names(URL marker) throws IOException {
    List<String> names = new ArrayList<>();
    if ("jar".equals(marker.getProtocol())) {
      JarURLConnection c = (JarURLConnection) marker.openConnection();
      // A jar the JVM already has open shares its central directory, so this does not read it.
      JarFile jar = c.getJarFile();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String n = entry.getName();
        if (n.startsWith(RESOURCE) && !entry.isDirectory()) {
          names.add(n.substring(RESOURCE.length()));
        }
      }
      return names;
    }
    Path folder;
    try {
      folder = Path.of(marker.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IOException("not a file: " + marker, e);
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> names.add(folder.relativize(f).toString().replace('\\', '/')));
    }
    return names;
  }
}
