package dev.askdocs.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Refuses zip-based files (DOCX, XLSX, PPTX, OpenDocument, EPUB) with an entry that inflates far
 * beyond its compressed size: a zip bomb. Parsers hold one XML text node whole (POI's Word reader
 * gathers a run's text before it hands any of it on), so a bomb must be stopped before parsing.
 * Entries are inflated as a stream and counted, holding 64 KiB at a time. Real office XML
 * compresses 5 to 50 times; an entry is refused when it passes both {@link #MIN_SUSPICIOUS_BYTES}
 * and {@link #MAX_RATIO} times its compressed size. Stateless.
 */
final class ZipInflation {
  /** Entries smaller than this inflated are never refused, whatever their ratio. */
  static final long MIN_SUSPICIOUS_BYTES = 50L * 1024 * 1024;

  /** Inflated to compressed size ratio beyond which a large entry is taken for a bomb. */
  static final long MAX_RATIO = 200;

  private ZipInflation() {}

  /** True when {@code file} starts with a zip local file header. */
  static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4;
    }
  }

  /**
   * @throws DocumentLoadException naming the entry when one inflates like a bomb
   */
  static void check(Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (CountingInput counted = new CountingInput(Files.newInputStream(file));
        ZipInputStream zip = new ZipInputStream(counted)) {
      checkEntries(zip, counted, buffer);
    }
  }

  private static void checkEntries(ZipInputStream zip, CountingInput counted, byte[] buffer) {
    try {
      for (ZipEntry entry = nextEntry(zip); entry != null; entry = nextEntry(zip)) {
        long compressedStart = counted.count;
        long inflated = 0;
        for (int n = read(zip, buffer); n >= 0; n = read(zip, buffer)) {
          inflated += n;
          long compressed = Math.max(1, counted.count - compressedStart);
          if (inflated > MIN_SUSPICIOUS_BYTES && inflated > MAX_RATIO * compressed) {
            throw new DocumentLoadException(
                "zip entry "
                    + entry.getName()
                    + " inflates more than "
                    + MAX_RATIO
                    + " times its size (zip bomb?)");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // A damaged zip: not a bomb as far as it could be read; the parser reports the damage.
    }
  }

  /** The next entry, or null at the end or where the zip is damaged: the parser reports that. */
  private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ZipException | IllegalArgumentException e) {
      return null;
    }
  }

  private static int read(ZipInputStream zip, byte[] buffer) throws IOException {
    try {
      return zip.read(buffer);
    } catch (ZipException | java.io.EOFException e) {
      return -1;
    }
  }

  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
