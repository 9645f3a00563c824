package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.Chunker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and malformed files through every loader and the chunker: truncated and bit-flipped PDFs,
 * random bytes, NUL bytes, invalid UTF-8, huge lines, deeply nested HTML and Markdown, and a
 * compression bomb dressed as a PDF; cut, garbled and random office files (DOCX, XLSX and their
 * bytes under the other office extensions), e-mail nested ten thousand parts deep, unbalanced RTF,
 * broken CSV, and a zip bomb dressed as a DOCX. Each file either loads into a document that keeps
 * the loader contract (non-blank title and text) and chunks, or is refused with a {@link
 * DocumentLoadException}; nothing else is thrown, nothing hangs (a minute per file), and the heap
 * stays bounded. Seeded: {@code askdocs.fuzz.seed}; files per kind: {@code askdocs.fuzz.files}.
 */
class LoaderFuzzTest {
  private static final long SEED = Long.getLong("askdocs.fuzz.seed", 20261129L);
  private static final int FILES = Integer.getInteger("askdocs.fuzz.files", 25);
  private static final long MAX_HEAP_GROWTH_BYTES = 128L * 1024 * 1024;

  @TempDir static Path tmp;
  static byte[] validPdf;

  private final DocumentLoaders loaders = DocumentLoaders.standard();
  private final Chunker chunker =
      new Chunker(s -> s.split("\\s+").length + s.length() / 50, 126, 1);
  private final Random random = new Random(SEED);

  @BeforeAll
  static void setUp() throws IOException {
    String[] lines = {"A report on the river harbour.", "The engine was built in 1931."};
    validPdf = Files.readAllBytes(TestPdfs.write(tmp.resolve("valid.pdf"), "Report", lines, lines));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "loader-fuzz");
    t.setDaemon(true);
    return t;
  }

  @Test
  void loads_or_refuses_damaged_pdfs() throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      byte[] b = validPdf.clone();
      byte[] file =
          switch (i % 4) {
            case 0 -> java.util.Arrays.copyOf(b, random.nextInt(b.length)); // truncated
            case 1 -> flip(b, 1 + random.nextInt(40));
            case 2 -> concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), bytes(5000));
            default -> nested(b);
          };
      outcomes.add(check("pdf-" + i + ".pdf", file));
    }
    report("pdf", outcomes);
  }

  @Test
  void loads_or_refuses_hostile_text_and_markdown() throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      byte[] file =
          switch (i % 6) {
            case 0 -> bytes(1 + random.nextInt(20_000));
            case 1 ->
                "title\u0000\u0000 body \u0000 more"
                    .repeat(1 + random.nextInt(500))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 ->
                concat(
                    "Title\n\n".getBytes(StandardCharsets.UTF_8),
                    new byte[] {
                      (byte) 0xC3,
                      (byte) 0x28,
                      (byte) 0xFF,
                      (byte) 0xFE,
                      (byte) 0xED,
                      (byte) 0xA0,
                      (byte) 0x80
                    });
            case 3 ->
                ("Title\n\n" + "word".repeat(20_000 + random.nextInt(80_000)))
                    .getBytes(StandardCharsets.UTF_8);
            case 4 ->
                ("> ".repeat(5000 + random.nextInt(5000))
                        + "deep [a](javascript:alert(1)) "
                        + "[".repeat(5000))
                    .getBytes(StandardCharsets.UTF_8);
            default ->
                ("# T\n\n" + "- ".repeat(3000) + "x\n" + "`".repeat(10_000) + "\n|a|b|\n|-|-|\n")
                    .getBytes(StandardCharsets.UTF_8);
          };
      outcomes.add(check("text-" + i + (i % 2 == 0 ? ".txt" : ".md"), file));
    }
    report("text/markdown", outcomes);
  }

  @Test
  void loads_or_refuses_hostile_html() throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      int depth = 1000 + random.nextInt(100_000);
      String html =
          switch (i % 6) {
            case 0 -> "<html><body>" + "<div>".repeat(depth) + "deep text" + "</div>".repeat(depth);
            case 4 ->
                "<link rel=canonical href=\"javascript:alert(1)\">"
                    + "<link rel=canonical href=\"https://"
                    + "a".repeat(depth)
                    + "\"><meta property=og:url content=\"\u0000http://x\">"
                    + "<link rel=CANONICAL href>".repeat(depth / 100)
                    + "<p>text";
            case 5 ->
                "<link rel=\"canonical\" href=\"https://h.org/\"><script>alert(1)</script>"
                    + "<base href=\"javascript:alert(2)//\">"
                    + new String(bytes(2000), StandardCharsets.ISO_8859_1);
            case 1 ->
                "<p>"
                    + "<b><i>".repeat(depth / 10)
                    + "<script>alert(1)</script><img src=x onerror=alert(2)>";
            case 2 -> new String(bytes(5000), StandardCharsets.ISO_8859_1);
            default -> "<title>\u0000</title><table>" + "<tr><td>".repeat(depth / 10) + "x";
          };
      outcomes.add(check("html-" + i + ".html", html.getBytes(StandardCharsets.UTF_8)));
    }
    report("html", outcomes);
  }

  @Test
  void refuses_or_bounds_a_compression_bomb_dressed_as_a_pdf() throws Exception {
    // 256 MiB of page content from a file of a few hundred KiB.
    byte[] bomb = bombPdf(256 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
    resetPeaks();
    long before = heapUsed();
    String outcome = check("bomb.pdf", bomb);
    long growth = peakHeap() - before;
    System.out.printf(
        "loader fuzz: bomb of %d bytes -> %s, peak heap growth %d MB%n",
        bomb.length, outcome, growth / (1024 * 1024));
    assertThat(growth).isLessThan(MAX_HEAP_GROWTH_BYTES);
  }

  @Test
  void loads_or_refuses_damaged_office_files() throws Exception {
    byte[] docx = OfficeFiles.docx("Quarterly report", "Revenue rose in the third quarter.");
    byte[] xlsx =
        OfficeFiles.xlsx(
            "Revenue", new String[][] {{"Region", "Quarter", "Revenue"}, {"EMEA", "Q3", "12"}});
    String[] extensions = {"docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "epub", "msg"};
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < FILES * 2; i++) {
      byte[] source = i % 2 == 0 ? docx : xlsx;
      byte[] file =
          switch (i % 5) {
            case 0, 1 -> java.util.Arrays.copyOf(source, random.nextInt(source.length)); // cut
            case 2 -> flip(source.clone(), 1 + random.nextInt(40)); // garbled zip
            case 3 -> bytes(1 + random.nextInt(20_000)); // random bytes
            default -> concat("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), bytes(5000));
          };
      // The same bytes under another office extension: the parser is chosen by content too.
      String extension =
          i < 10 ? (i % 2 == 0 ? "docx" : "xlsx") : extensions[i % extensions.length];
      outcomes.add(check("office-" + i + "." + extension, file));
    }
    report("office", outcomes);
  }

  @Test
  void loads_or_refuses_hostile_e_mail_rtf_and_csv() throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      int depth = 1000 + random.nextInt(20_000);
      String[] file =
          switch (i % 5) {
            case 0 ->
                new String[] {
                  "eml",
                  "Subject: deep\nContent-Type: multipart/mixed; boundary=b\n\n"
                      + "--b\nContent-Type: multipart/mixed; boundary=b\n\n".repeat(depth)
                };
            case 1 -> new String[] {"rtf", "{\\rtf1 " + "{".repeat(depth) + "text"};
            case 2 -> new String[] {"csv", "a,b\n\"unterminated," + "x".repeat(depth)};
            case 3 -> new String[] {"csv", ",".repeat(depth) + "\n" + "\"\"".repeat(depth)};
            default ->
                new String[] {
                  "eml", "From: a@b\nSubject: s\nContent-Transfer-Encoding: base64\n\n%%%%"
                };
          };
      outcomes.add(check("mail-" + i + "." + file[0], file[1].getBytes(StandardCharsets.UTF_8)));
    }
    report("e-mail/rtf/csv", outcomes);
  }

  @Test
  void refuses_a_zip_bomb_dressed_as_a_docx_with_bounded_heap() throws Exception {
    // 512 MiB of text from a file of a few hundred KiB.
    byte[] bomb = OfficeFiles.zipBombDocx(512L * 1024 * 1024);
    assertThat(bomb.length).isLessThan(4 * 1024 * 1024);
    resetPeaks();
    long before = heapUsed();
    String outcome = check("bomb.docx", bomb);
    long growth = peakHeap() - before;
    System.out.printf(
        "loader fuzz: docx bomb of %d bytes -> %s, peak heap growth %d MB%n",
        bomb.length, outcome, growth / (1024 * 1024));
    assertThat(outcome).isEqualTo("refused");
    assertThat(growth).isLessThan(MAX_HEAP_GROWTH_BYTES);
  }

  /** Loads and chunks one file; returns "loaded" or "refused: reason"; fails on anything else. */
  private String check(String name, byte[] content) throws Exception {
    Path file = tmp.resolve(name);
    Files.write(file, content);
    // A thread of its own, so that a hung load does not hold up the next file.
    ExecutorService worker = Executors.newSingleThreadExecutor(LoaderFuzzTest::daemon);
    Future<String> done =
        worker.submit(
            () -> {
              try {
                LoadedDocument d = loaders.load(file);
                assertThat(d.title()).as(name).isNotBlank();
                assertThat(d.text()).as(name).isNotBlank();
                List<Chunk> chunks = chunker.split("fuzz", d.text(), d::pageAt, 0);
                assertThat(chunks).as(name).isNotEmpty();
                return "loaded";
              } catch (DocumentLoadException e) {
                assertThat(e.getMessage()).as(name).isNotBlank();
                return "refused";
              }
            });
    try {
      return done.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      done.cancel(true);
      throw new AssertionError(name + " hung: no outcome after a minute");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(name + " (seed " + SEED + ") threw " + e.getCause(), e.getCause());
    } finally {
      worker.shutdownNow();
      Files.deleteIfExists(file);
    }
  }

  private static void report(String kind, List<String> outcomes) {
    long loaded = outcomes.stream().filter("loaded"::equals).count();
    System.out.printf(
        "loader fuzz: %s: %d files, %d loaded, %d refused%n",
        kind, outcomes.size(), loaded, outcomes.size() - loaded);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private byte[] flip(byte[] b, int flips) {
    for (int i = 0; i < flips; i++) {
      b[random.nextInt(b.length)] = (byte) random.nextInt(256);
    }
    return b;
  }

  /** A valid PDF whose catalog is preceded by a deeply nested array. */
  private byte[] nested(byte[] pdf) {
    int depth = 1000 + random.nextInt(50_000);
    byte[] arrays =
        ("9 0 obj\n" + "[".repeat(depth) + "]".repeat(depth) + "\nendobj\n")
            .getBytes(StandardCharsets.US_ASCII);
    int at = "%PDF-1.4\n".length();
    byte[] out = new byte[pdf.length + arrays.length];
    System.arraycopy(pdf, 0, out, 0, at);
    System.arraycopy(arrays, 0, out, at, arrays.length);
    System.arraycopy(pdf, at, out, at + arrays.length, pdf.length - at);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** One page whose Flate-compressed content stream inflates to {@code size} bytes of text. */
  static byte[] bombPdf(int size) throws IOException {
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream z =
        new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
      z.write("BT /F1 12 Tf 72 700 Td (".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "bomb ".repeat(13_107).getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < size; written += block.length) {
        z.write(block);
      }
      z.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
    }
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    pdf.write(
        ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
                + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
                + "4 0 obj << /Length "
                + deflated.size()
                + " /Filter /FlateDecode >>\nstream\n")
            .getBytes(StandardCharsets.US_ASCII));
    deflated.writeTo(pdf);
    pdf.write(
        "\nendstream\nendobj\ntrailer << /Root 1 0 R /Size 6 >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII));
    return pdf.toByteArray();
  }

  private static void resetPeaks() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long heapUsed() {
    return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static long peakHeap() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }
}
