package dev.askdocs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * askdocs' version: the POM's {@code <version>}, which Maven writes into {@code
 * askdocs-version.properties} on the classpath when it builds (so it is the same from {@code
 * target/classes} and from the packaged jar). Thread-safe.
 */
public final class Version {
  static final String RESOURCE = "/askdocs-version.properties";
  private static final String CURRENT = read(Version.class.getResourceAsStream(RESOURCE));

  private Version() {}

  /** The version this askdocs was built as, such as {@code 0.1.0}. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The {@code version} property of {@code in}, which is closed.
   *
   * @throws IllegalStateException when it is missing or was never filled in by a build
   */
  static String read(InputStream in) {
    if (in == null) {
      throw new IllegalStateException(
          RESOURCE + " is not on the classpath: build askdocs with Maven (mvn package)");
    }
    Properties p = new Properties();
    try (in) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String v = p.getProperty("version", "").strip();
    if (v.isEmpty() || v.contains("${")) {
      throw new IllegalStateException(
          RESOURCE + " holds no version ('" + v + "'): it was not filtered by a Maven build");
    }
    return v;
  }
}
