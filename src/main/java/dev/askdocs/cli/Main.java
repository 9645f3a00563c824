package dev.askdocs.cli;

import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigException;
import dev.askdocs.config.ConfigFile;
import java.util.Map;
import picocli.CommandLine;

/**
 * Reads the environment and {@code askdocs.yml}, builds the configuration, and runs the command
 * line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  /** Runs the command line and returns its exit code. */
  static int run(String[] args, Map<String, String> env) {
    Config config;
    try {
      config = Config.fromEnv(env, ConfigFile.fromEnv(env));
    } catch (ConfigException e) {
      System.err.println("askdocs: configuration error: " + e.getMessage());
      return Cli.EXIT_BAD_INPUT;
    }
    CommandLine cli = new CommandLine(new Cli(config));
    cli.setExecutionExceptionHandler(Cli::handleError);
    return cli.execute(args.length == 0 ? new String[] {"serve"} : args);
  }
}
