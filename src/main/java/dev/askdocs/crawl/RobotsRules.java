package dev.askdocs.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.util.List;

/**
 * A site's robots.txt as it applies to askdocs (RFC 9309, read by crawler-commons): the rules of
 * the group for the {@value #AGENT} user agent, else of {@code *}. A robots.txt that is missing
 * (4xx) allows everything; one that cannot be fetched (5xx, no answer) disallows everything, as the
 * RFC asks. Immutable and thread-safe.
 */
public final class RobotsRules {
  /** The product token robots.txt groups are matched against. */
  public static final String AGENT = "askdocs";

  /** The longest Crawl-delay honoured; a longer one is read as this. */
  static final long MAX_CRAWL_DELAY_MILLIS = 60_000;

  private final BaseRobotRules rules;

  private RobotsRules(BaseRobotRules rules) {
    this.rules = rules;
  }

  /** The rules of a robots.txt fetched from {@code robotsUrl} with this status and body. */
  public static RobotsRules of(URI robotsUrl, int status, byte[] body) {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    if (status == 200) {
      return new RobotsRules(
          parser.parseContent(robotsUrl.toString(), body, "text/plain", List.of(AGENT)));
    }
    return new RobotsRules(parser.failedFetch(status));
  }

  /** The rules when robots.txt could not be fetched at all: nothing is allowed. */
  public static RobotsRules unreachable() {
    return new RobotsRules(new SimpleRobotRulesParser().failedFetch(503));
  }

  /** Whether askdocs may fetch {@code url}. */
  public boolean allows(URI url) {
    return rules.isAllowed(url.toString());
  }

  /** The Crawl-delay asked for, at most {@link #MAX_CRAWL_DELAY_MILLIS}; 0 when none. */
  public long crawlDelayMillis() {
    long delay = rules.getCrawlDelay();
    return delay == BaseRobotRules.UNSET_CRAWL_DELAY || delay < 0
        ? 0
        : Math.min(delay, MAX_CRAWL_DELAY_MILLIS);
  }
}
