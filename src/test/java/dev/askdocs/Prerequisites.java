package dev.askdocs;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (Chromium, the shared data sets). In CI ({@code CI=true}) a
 * missing prerequisite fails the test, since CI always installs or provides it; on a developer's
 * machine the test is skipped with the reason.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /**
   * Fails in CI, skips elsewhere, when {@code present} is false; {@code what} says what is missing.
   */
  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if (inCi()) {
      throw new AssertionError(what + " (CI=true: this test must run, not skip)");
    }
    Assumptions.abort(what + ": skipping");
  }

  /** True when the environment says this is a CI run. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
