package dev.askdocs.config;

import dev.askdocs.AskdocsException;

/** A setting has an unusable value; the message names the variable and what is wrong. */
public class ConfigException extends AskdocsException {
  private final String variable;

  public ConfigException(String variable, String problem) {
    super(variable + " " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
