package dev.askdocs.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Loads office documents, e-books and e-mail with Apache Tika: Word (DOCX, DOC), PowerPoint (PPTX,
 * PPT), Excel (XLSX, XLS), OpenDocument (ODT, ODS, ODP), RTF, EPUB, EML and Outlook MSG.
 *
 * <p>Tika's XHTML output is read with jsoup: headings, paragraphs and list items become lines as in
 * {@link HtmlLoader}; every table is written by {@link TableRows}, one line per row with the column
 * names repeated. The title is the document's metadata title (an e-mail's subject), else its first
 * line. An e-mail's text starts with {@code From:} and {@code Date:} lines.
 *
 * <p>Attachments and embedded files (an e-mail's attachments, pictures and objects inside an office
 * document) are not read: Tika is given an embedded-document extractor that reads only an e-mail's
 * own body parts (text or HTML without a file name) and declines the rest. A document's own text is
 * all that is indexed; an attachment saved into the corpus folder is indexed as a file of its own.
 * Encrypted files are rejected as "encrypted or password protected"; more than {@code maxChars} of
 * extracted text, as too much text; Tika's own guard against zip bombs (output far larger than
 * input, deep nesting) rejects those with its reason. Thread-safe: Tika's {@link AutoDetectParser}
 * is, and nothing else is shared.
 */
public final class TikaLoader implements DocumentLoader {
  /** The default limit of extracted characters: as for PDF, a few thousand books' pages. */
  public static final int DEFAULT_MAX_CHARS = 20_000_000;

  private static final Set<String> EXTENSIONS =
      Set.of(
          "docx", "doc", "pptx", "ppt", "xlsx", "xls", "odt", "ods", "odp", "rtf", "epub", "eml",
          "msg");

  private static final Set<String> SLIDES = Set.of("pptx", "ppt", "odp");
  private static final Set<String> SHEETS = Set.of("xlsx", "xls", "ods");

  /** An e-mail's location is its sender and day ({@link MailHeader#location}), not its headings. */
  private static final Set<String> MAIL = Set.of("eml", "msg");

  // Built at the first office file, not with the loader: Tika's parsers load thousands of classes
  // (seconds on a busy machine), which a server starting on an index built earlier never needs.
  private volatile AutoDetectParser parser;
  private final int maxChars;

  public TikaLoader() {
    this(DEFAULT_MAX_CHARS);
  }

  /**
   * @param maxChars files whose extracted text (with markup) exceeds this are rejected
   */
  public TikaLoader(int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
    }
    this.maxChars = maxChars;
  }

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  @Override
  public LoadedDocument load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ReadFailure.of(new NoSuchFileException(file.toString()));
    }
    if (file.toFile().length() == 0) {
      throw new DocumentLoadException("empty file");
    }
    try {
      if (ZipInflation.isZip(file)) {
        ZipInflation.check(file);
      }
    } catch (IOException e) {
      throw ReadFailure.of(e);
    }
    ToXMLContentHandler xhtml = new ToXMLContentHandler();
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    ParseContext context = new ParseContext();
    AutoDetectParser tika = parser();
    context.set(EmbeddedDocumentExtractor.class, new BodyPartsOnly(tika, context));
    ContentHandler limited = new WriteOutContentHandler(xhtml, maxChars, true, context);
    try (InputStream in = Files.newInputStream(file)) {
      tika.parse(in, limited, metadata, context);
    } catch (EncryptedDocumentException e) {
      throw new DocumentLoadException("encrypted or password protected", e);
    } catch (Exception e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        throw new DocumentLoadException("more than " + maxChars + " characters of text", e);
      }
      // The file was readable a moment ago: what fails now is its content, whatever the type.
      throw new DocumentLoadException("not a readable " + type(file) + " file: " + reason(e), e);
    }
    return document(file, Jsoup.parse(xhtml.toString()), metadata);
  }

  private AutoDetectParser parser() {
    AutoDetectParser p = parser;
    if (p == null) {
      synchronized (this) {
        p = parser;
        if (p == null) {
          p = new AutoDetectParser();
          parser = p;
        }
      }
    }
    return p;
  }

  private static LoadedDocument document(Path file, Document page, Metadata metadata) {
    page.select("script, style, title, meta").remove();
    SectionMarks marks = new SectionMarks();
    String type = type(file).toLowerCase(Locale.ROOT);
    if (SLIDES.contains(type)) {
      markSlides(page, marks);
    } else if (SHEETS.contains(type)) {
      markSheets(page, marks, type.equals("ods") ? OdfSheets.names(file) : List.of());
    } else if (!MAIL.contains(type)) {
      Headings.mark(page.body(), marks, h -> h.closest("div.package-entry") == null);
    }
    for (Element table : page.select("table")) {
      // Nested tables are written as part of the outer table's cells.
      if (table.parents().stream().noneMatch(p -> p.normalName().equals("table"))) {
        replaceTable(table, null, marks);
      }
    }
    SectionMarks.Stripped stripped = marks.strip(Utf8Text.normalise(HtmlText.of(page.body())));
    String body = stripped.text();
    String header = MailHeader.lines(metadata);
    String text = header.isEmpty() ? body : (body.isBlank() ? header : header + "\n\n" + body);
    if (text.isBlank()) {
      throw new DocumentLoadException("no readable text");
    }
    String title = Titles.clean(metadata.get(TikaCoreProperties.TITLE));
    if (title == null) {
      title = Titles.firstLine(body.isBlank() ? text : body);
    }
    int shift = text.length() - body.length();
    List<Section> sections = new ArrayList<>();
    String sender = MailHeader.location(metadata);
    if (sender != null) {
      sections.add(Section.of(0, sender, false));
    }
    for (Section s : stripped.sections()) {
      sections.add(new Section(s.start() + shift, s.location(), s.row(), s.hard()));
    }
    return new LoadedDocument(
        title == null ? Titles.fromFileName(file) : title, text, List.of(), sections);
  }

  /**
   * Slides, numbered from 1: Tika writes a PPTX slide as {@code <div class="slide-content">}
   * (followed by its notes), a PPT slide as {@code <div class="slide">}. Tika does not mark an ODP
   * file's pages, so those have no slide numbers.
   */
  private static void markSlides(Document page, SectionMarks marks) {
    List<Element> slides = page.select("div.slide");
    if (slides.isEmpty()) {
      slides = page.select("div.slide-content");
    }
    for (int i = 0; i < slides.size(); i++) {
      marks.mark(slides.get(i), "slide " + (i + 1), 0, true);
    }
  }

  /**
   * Sheets: Tika writes each XLSX sheet as {@code <div class="sheet"><h1>name</h1><table>}, each
   * XLS sheet as {@code <div class="page">} alike, and an ODS sheet as a bare table, whose name
   * comes from the file ({@code odsNames}, by position; "Sheet N" when missing).
   */
  private static void markSheets(Document page, SectionMarks marks, List<String> odsNames) {
    List<Element> named =
        page.select("div.sheet, div.page").stream()
            .filter(d -> d.selectFirst("> h1") != null)
            .toList();
    if (!named.isEmpty()) {
      for (Element sheet : named) {
        Element h1 = sheet.selectFirst("> h1");
        String location = "Sheet " + h1.text().strip();
        marks.mark(h1, location, 0, true);
        for (Element table : sheet.select("table")) {
          if (table.parents().stream().noneMatch(p -> p.normalName().equals("table"))) {
            replaceTable(table, location, marks);
          }
        }
      }
      return;
    }
    List<Element> tables =
        page.body().select("table").stream()
            .filter(t -> t.parents().stream().noneMatch(p -> p.normalName().equals("table")))
            .toList();
    for (int i = 0; i < tables.size(); i++) {
      String name = i < odsNames.size() ? odsNames.get(i) : Integer.toString(i + 1);
      Element replaced = replaceTable(tables.get(i), "Sheet " + name, marks);
      Element first = replaced.children().first();
      if (first != null) {
        // The sheet begins at its first row: mark it hard as well.
        marks.mark(first, "Sheet " + name, 0, true);
      }
    }
  }

  /**
   * Replaces a table with one paragraph per row line, so that each row stands as a sentence; with a
   * {@code sheet} location, each line is marked with its row.
   */
  private static Element replaceTable(Element table, String sheet, SectionMarks marks) {
    List<List<String>> rows = new ArrayList<>();
    for (Element tr : table.select("tr")) {
      if (tr.closest("table") != table) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (Element cell : tr.children()) {
        if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
          cells.add(cell.text());
        }
      }
      rows.add(cells);
    }
    Element replacement = new Element("div");
    for (TableRows.Line line : TableRows.numbered(rows)) {
      String text =
          sheet == null ? line.text() : marks.marked(line.text(), sheet, line.row(), false);
      replacement.appendElement("p").text(text);
    }
    table.replaceWith(replacement);
    return replacement;
  }

  private static String type(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  /**
   * Reads an e-mail's own body (a text or HTML part without a file name) into the document, and
   * declines everything else: attachments and embedded objects are not indexed.
   */
  private static final class BodyPartsOnly implements EmbeddedDocumentExtractor {
    private final Parser parser;
    private final ParseContext context;

    BodyPartsOnly(Parser parser, ParseContext context) {
      this.parser = parser;
      this.context = context;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      String type = metadata.get(Metadata.CONTENT_TYPE);
      String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
      return (name == null || name.isBlank())
          && type != null
          && (type.startsWith("text/plain") || type.startsWith("text/html"));
    }

    @Override
    public void parseEmbedded(
        InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
        throws SAXException, IOException {
      try {
        parser.parse(
            stream, new EmbeddedContentHandler(new BodyContentHandler(handler)), metadata, context);
      } catch (TikaException e) {
        throw new IOException("unreadable e-mail body: " + e.getMessage(), e);
      }
    }
  }
}
