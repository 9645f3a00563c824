package dev.askdocs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * askdocs' version: the POM's {@code <version>}, which Maven writes into {@code
 * askdocs-version.properties} on the classpath when it builds (so it is the same from {@code
 * target/classes} and from the packaged jar), and the commit it was built from. Thread-safe.
 */
public final class Version {
  static final String RESOURCE = "/askdocs-version.properties";

  /** The commit when the build knew none (built outside a git repository). */
  public static final String UNKNOWN_COMMIT = "unknown";

  private static final Properties BUILT = load(Version.class.getResourceAsStream(RESOURCE));
  private static final String CURRENT = version(BUILT);
  private static final String COMMIT = commit(BUILT);

  private Version() {}

  /** The version this askdocs was built as, such as {@code 0.1.0}. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The commit this askdocs was built from, as {@code git describe --always --dirty} put it at
   * build time (such as {@code f564e20} or {@code f564e20-dirty}), or {@link #UNKNOWN_COMMIT}.
   */
  public static String commit() {
    return COMMIT;
  }

  /**
   * The {@code commit} property of {@code built}, or {@link #UNKNOWN_COMMIT} when it is missing or
   * was not filled in (a build outside a git repository).
   */
  static String commit(Properties built) {
    String c = built.getProperty("commit", "").strip();
    return c.isEmpty() || c.contains("${") ? UNKNOWN_COMMIT : c;
  }

  /**
   * The {@code version} property of {@code in}, which is closed.
   *
   * @throws IllegalStateException when it is missing or was never filled in by a build
   */
  static String read(InputStream in) {
    return version(load(in));
  }

  private static Properties load(InputStream in) {
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
    return p;
  }

  private static String version(Properties p) {
    String v = p.getProperty("version", "").strip();
    if (v.isEmpty() || v.contains("${")) {
      throw new IllegalStateException(
          RESOURCE + " holds no version ('" + v + "'): it was not filtered by a Maven build");
    }
    return v;
  }
}
