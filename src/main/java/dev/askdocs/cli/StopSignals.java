package dev.askdocs.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call on the serving thread instead of a JVM shutdown, so that
 * askdocs closes everything, the embedding model's native sessions included, before the JVM's
 * shutdown hooks run. ONNX Runtime registers a hook of its own that frees its native environment;
 * hooks run concurrently, so a model run or a session still being created while that hook runs
 * crashes the JVM (SIGSEGV) instead of ending the in-flight answers.
 */
final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  /**
   * Runs {@code onStop} (on a signal-dispatch thread) when the process is asked to stop.
   *
   * @return false where the JVM does not let signals be handled (then its shutdown hooks are the
   *     only way to learn of a stop)
   */
  static boolean onStop(Runnable onStop) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        Signal.handle(new Signal(name), s -> onStop.run());
      }
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("cannot handle stop signals ({}); a stop may race the model's native shutdown", e);
      return false;
    }
  }
}
