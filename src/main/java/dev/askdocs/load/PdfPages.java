package dev.askdocs.load;

import dev.askdocs.NotFoundException;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * One page of a PDF as a PNG, with a quoted passage highlighted where PDFBox found its characters
 * on the page ({@link TextPosition}s), so a reader sees the sentence where it stands. Stateless.
 */
public final class PdfPages {
  /** Rendering resolution: a page of US Letter is 1 020 pixels wide. */
  public static final float DPI = 120f;

  private static final Color HIGHLIGHT = new Color(255, 214, 0);

  private PdfPages() {}

  /**
   * The page as PNG bytes.
   *
   * @param page from 1
   * @param quote text to highlight where it stands on the page (whitespace and case aside), or
   *     null; a quote not found on the page leaves it unmarked
   * @throws NotFoundException when the PDF has no such page
   */
  public static Rendered render(Path file, int page, String quote) {
    try (PDDocument pdf =
        Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache())) {
      if (page < 1 || page > pdf.getNumberOfPages()) {
        throw new NotFoundException(
            "the document has " + pdf.getNumberOfPages() + " pages, not page " + page);
      }
      BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
      List<Rectangle2D> marks =
          quote == null || quote.isBlank() ? List.of() : rectangles(pdf, page, quote);
      Graphics2D g = image.createGraphics();
      try {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.4f));
        g.setColor(HIGHLIGHT);
        double scale = DPI / 72.0;
        for (Rectangle2D r : marks) {
          g.fill(
              new Rectangle2D.Double(
                  r.getX() * scale, r.getY() * scale, r.getWidth() * scale, r.getHeight() * scale));
        }
      } finally {
        g.dispose();
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      return new Rendered(png.toByteArray(), marks.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A rendered page.
   *
   * @param highlighted how many rectangles (character runs) of the quote were marked
   */
  public record Rendered(byte[] png, int highlighted) {}

  /** The quote's characters on the page, merged into one rectangle per run on a line (points). */
  static List<Rectangle2D> rectangles(PDDocument pdf, int page, String quote) throws IOException {
    Positions found = new Positions();
    found.setStartPage(page);
    found.setEndPage(page);
    found.setSortByPosition(true);
    found.getText(pdf);
    String wanted = normalize(quote);
    int at = found.text.indexOf(wanted);
    if (at < 0 && wanted.length() > 80) {
      wanted = wanted.substring(0, 80);
      at = found.text.indexOf(wanted);
    }
    List<Rectangle2D> out = new ArrayList<>();
    if (at < 0 || wanted.isEmpty()) {
      return out;
    }
    Rectangle2D run = null;
    for (int i = at; i < at + wanted.length(); i++) {
      TextPosition t = found.positions.get(i);
      if (t == null) {
        continue;
      }
      Rectangle2D r =
          new Rectangle2D.Double(
              t.getXDirAdj(),
              t.getYDirAdj() - t.getHeightDir(),
              t.getWidthDirAdj(),
              Math.max(1, t.getHeightDir() * 1.3));
      if (run != null && Math.abs(run.getY() - r.getY()) < 1 && r.getX() >= run.getX()) {
        run = run.createUnion(r);
      } else {
        if (run != null) {
          out.add(run);
        }
        run = r;
      }
    }
    if (run != null) {
      out.add(run);
    }
    return out;
  }

  /** Lower case, runs of whitespace as one space. */
  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /** The page's text, normalized as {@link #normalize}, with the position of every character. */
  private static final class Positions extends PDFTextStripper {
    final StringBuilder text = new StringBuilder();
    final List<TextPosition> positions = new ArrayList<>();

    Positions() throws IOException {
      super();
    }

    @Override
    protected void writeString(String ignored, List<TextPosition> run) {
      space();
      for (TextPosition t : run) {
        String u = t.getUnicode() == null ? "" : t.getUnicode().toLowerCase(Locale.ROOT);
        for (int i = 0; i < u.length(); i++) {
          char c = u.charAt(i);
          if (Character.isWhitespace(c)) {
            space();
          } else {
            text.append(c);
            positions.add(t);
          }
        }
      }
    }

    @Override
    protected void writeWordSeparator() {
      space();
    }

    @Override
    protected void writeLineSeparator() {
      space();
    }

    private void space() {
      if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
        text.append(' ');
        positions.add(null);
      }
    }
  }
}
