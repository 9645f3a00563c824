package dev.askdocs.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Draws {@link BenchHistory}'s lines as a PNG, one run per step along the x axis (labelled with its
 * commit): answer latency p50 (solid) and p99 (dashed) per tier at one client, ingest chunks/s, and
 * start-up to the first answer. Plain Java 2D, so that the plot needs no library. A run without a
 * figure leaves a gap in that line.
 */
public final class HistoryPlot {
  static final int WIDTH = 960;
  static final int PANEL_HEIGHT = 230;

  /** The colours of the lines, in order; the first is the first tier's (or first figure's). */
  static final Color[] COLOURS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0xff7f0e),
    new Color(0x8c564b)
  };

  private static final Pattern LATENCY = Pattern.compile("ask\\.(\\d+[km]?)\\.c1\\.p(50|99)Ms");
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;

  private HistoryPlot() {}

  /** A line of the plot: its legend, figure key, colour and whether it is dashed. */
  record Series(String legend, String key, Color colour, boolean dashed) {}

  /** One panel: its title and lines. */
  record Panel(String title, List<Series> series) {}

  /** Writes the plot of {@code runs} (as {@link BenchHistory#read} gives them) to {@code png}. */
  public static void write(List<Map<String, Object>> runs, Path png) {
    List<Panel> panels = panels(runs);
    BufferedImage image =
        new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < panels.size(); i++) {
        draw(g, panels.get(i), runs, i * PANEL_HEIGHT);
      }
    } finally {
      g.dispose();
    }
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  /** Latency per tier found in any run, then ingest, then start-up. */
  static List<Panel> panels(List<Map<String, Object>> runs) {
    TreeSet<String> tiers = new TreeSet<>((a, b) -> Long.compare(chunks(a), chunks(b)));
    for (Map<String, Object> run : runs) {
      for (String key : figures(run).keySet()) {
        Matcher m = LATENCY.matcher(key);
        if (m.matches()) {
          tiers.add(m.group(1));
        }
      }
    }
    List<Series> latency = new ArrayList<>();
    int c = 0;
    for (String tier : tiers) {
      Color colour = COLOURS[c++ % COLOURS.length];
      latency.add(new Series(tier + " p50", "ask." + tier + ".c1.p50Ms", colour, false));
      latency.add(new Series(tier + " p99", "ask." + tier + ".c1.p99Ms", colour, true));
    }
    TreeSet<String> startups = new TreeSet<>();
    runs.forEach(
        r ->
            figures(r).keySet().stream()
                .filter(k -> k.startsWith("startup."))
                .forEach(startups::add));
    List<Series> startup = new ArrayList<>();
    c = 0;
    for (String key : startups) {
      String name = key.substring("startup.".length(), key.length() - "Ms".length());
      startup.add(new Series(name, key, COLOURS[c++ % COLOURS.length], false));
    }
    return List.of(
        new Panel("Answer latency, one client (ms)", latency),
        new Panel(
            "Ingest (chunks/s)",
            List.of(
                new Series("pipeline", "ingest.pipelineChunksPerSec", COLOURS[0], false),
                new Series("model alone", "ingest.modelChunksPerSec", COLOURS[1], true))),
        new Panel("Start-up to the first answer (ms)", startup));
  }

  private static long chunks(String tier) {
    String t = tier.toLowerCase(Locale.ROOT);
    long unit = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
    return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> figures(Map<String, Object> run) {
    Object f = run.get("figures");
    return f instanceof Map ? (Map<String, Object>) f : Map.of();
  }

  /** The figure {@code key} of {@code run}, or NaN when it has none. */
  static double value(Map<String, Object> run, String key) {
    Object v = figures(run).get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static void draw(Graphics2D g, Panel panel, List<Map<String, Object>> runs, int y0) {
    int x0 = LEFT;
    int x1 = WIDTH - RIGHT;
    int top = y0 + TOP;
    int bottom = y0 + PANEL_HEIGHT - BOTTOM;
    double max = 0;
    for (Series s : panel.series()) {
      for (Map<String, Object> run : runs) {
        double v = value(run, s.key());
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    // Four steps of 1, 2 or 5 times a power of ten, so that every grid line has a round label.
    double step = max <= 0 ? 1 : niceCeiling(max / 4);
    max = 4 * step;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), x0, y0 + 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setStroke(new BasicStroke(1));
    for (int i = 0; i <= 4; i++) {
      int y = bottom - (bottom - top) * i / 4;
      g.setColor(new Color(0xdddddd));
      g.drawLine(x0, y, x1, y);
      g.setColor(Color.DARK_GRAY);
      String label =
          java.math.BigDecimal.valueOf(step * i)
              .round(new java.math.MathContext(3))
              .stripTrailingZeros()
              .toPlainString();
      g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    int n = runs.size();
    int every = Math.max(1, (int) Math.ceil(n / ((x1 - x0) / 70.0)));
    for (int i = 0; i < n; i++) {
      if (i % every == 0) {
        Object commit = runs.get(i).get("commit");
        String label = commit == null ? "?" : commit.toString();
        label = label.length() > 10 ? label.substring(0, 10) : label;
        int x = x(i, n, x0, x1);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
      }
    }
    int legendY = top + 4;
    for (Series s : panel.series()) {
      g.setColor(s.colour());
      g.setStroke(stroke(s.dashed()));
      int prevX = -1;
      int prevY = -1;
      for (int i = 0; i < n; i++) {
        double v = value(runs.get(i), s.key());
        if (Double.isNaN(v)) {
          prevX = -1;
          continue;
        }
        int x = x(i, n, x0, x1);
        int y = bottom - (int) Math.round((bottom - top) * v / max);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        g.fillOval(x - 3, y - 3, 7, 7);
        prevX = x;
        prevY = y;
      }
      g.drawLine(x1 + 20, legendY, x1 + 50, legendY);
      g.setColor(Color.BLACK);
      g.drawString(s.legend(), x1 + 56, legendY + 4);
      legendY += 16;
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.GRAY);
    g.drawRect(x0, top, x1 - x0, bottom - top);
  }

  private static BasicStroke stroke(boolean dashed) {
    return dashed
        ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {6, 4}, 0)
        : new BasicStroke(2);
  }

  private static int x(int i, int n, int x0, int x1) {
    return n == 1 ? (x0 + x1) / 2 : x0 + 20 + (x1 - x0 - 40) * i / (n - 1);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
