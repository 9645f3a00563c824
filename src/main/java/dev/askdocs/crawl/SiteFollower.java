package dev.askdocs.crawl;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a site's mirror up to date: crawls once at {@link #start} and then every {@code every}
 * (measured from the end of one crawl to the start of the next), on one daemon thread, and runs
 * {@code onChange} after each crawl that wrote or deleted a mirror file (typically: an incremental
 * ingest of the mirror folder). A failed crawl is logged and tried again at the next round. {@link
 * #close} stops the thread, interrupting a crawl in progress between two requests. Thread-safe.
 */
public final class SiteFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SiteFollower.class);

  private final SiteCrawler crawler;
  private final Duration every;
  private final Runnable onChange;
  private final ScheduledExecutorService thread;
  private final AtomicReference<CrawlReport> last = new AtomicReference<>();

  /**
   * @param crawler the site and its mirror folder
   * @param every the pause between two crawls (the site's {@code recrawlMinutes})
   * @param onChange run on the follower's thread after a crawl that changed the mirror
   */
  public SiteFollower(SiteCrawler crawler, Duration every, Runnable onChange) {
    this.crawler = crawler;
    this.every = every;
    this.onChange = onChange;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "askdocs-site-follower");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts following: the first crawl begins now, in the background. */
  public void start() {
    thread.scheduleWithFixedDelay(this::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The report of the last crawl that finished, or null before the first. */
  public CrawlReport lastReport() {
    return last.get();
  }

  private void round() {
    try {
      CrawlReport report = crawler.crawl();
      last.set(report);
      if (report.changed()) {
        onChange.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Kept alive on purpose: a site that is down now may answer at the next round.
      LOG.error("crawl of {} failed; trying again in {}", crawler.mirror(), every, e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the site follower of {} did not stop within 30 s", crawler.mirror());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
