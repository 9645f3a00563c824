package dev.askdocs.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsoup.parser.Parser;

/**
 * The sheet names of an OpenDocument spreadsheet, in order, read from its {@code content.xml}: Tika
 * writes ODS sheets as bare tables, without their names. Stateless.
 */
final class OdfSheets {
  private static final Pattern SHEET =
      Pattern.compile("<table:table\\s[^>]*?table:name=\"([^\"]*)\"");

  /** Above this the names are not looked for: the file was already checked against zip bombs. */
  private static final int MAX_CONTENT_BYTES = 64 * 1024 * 1024;

  private OdfSheets() {}

  /** The names, or an empty list when the file holds none that can be read. */
  static List<String> names(Path file) {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry content = zip.getEntry("content.xml");
      if (content == null || content.getSize() > MAX_CONTENT_BYTES) {
        return names;
      }
      String xml;
      try (InputStream in = zip.getInputStream(content)) {
        xml = new String(in.readNBytes(MAX_CONTENT_BYTES), StandardCharsets.UTF_8);
      }
      Matcher m = SHEET.matcher(xml);
      while (m.find()) {
        names.add(Parser.unescapeEntities(m.group(1), true));
      }
    } catch (IOException e) {
      // Tika read the file already; without names the sheets are numbered instead.
      return List.of();
    }
    return names;
  }
}
