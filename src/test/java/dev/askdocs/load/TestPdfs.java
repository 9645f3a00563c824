package dev.askdocs.load;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes small real PDFs for loader tests; a page given as null is left without any text. */
public final class TestPdfs {
  private TestPdfs() {}

  /** A PDF with one page per entry of {@code pages}, each entry's lines written top to bottom. */
  public static Path write(Path file, String title, String[]... pages) throws IOException {
    try (PDDocument pdf = document(title, pages)) {
      pdf.save(file.toFile());
    }
    return file;
  }

  /** Like {@link #write} but encrypted so that opening it needs the user password. */
  static Path writeEncrypted(Path file, String userPassword, String... lines) throws IOException {
    try (PDDocument pdf = document(null, new String[][] {lines})) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
      policy.setEncryptionKeyLength(128);
      pdf.protect(policy);
      pdf.save(file.toFile());
    }
    return file;
  }

  private static PDDocument document(String title, String[]... pages) throws IOException {
    PDDocument pdf = new PDDocument();
    if (title != null) {
      pdf.getDocumentInformation().setTitle(title);
    }
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (String[] lines : pages) {
      PDPage page = new PDPage();
      pdf.addPage(page);
      if (lines == null) {
        continue;
      }
      try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
        content.beginText();
        content.setFont(font, 12);
        content.setLeading(16);
        content.newLineAtOffset(72, 700);
        for (String line : lines) {
          content.showText(line);
          content.newLine();
        }
        content.endText();
      }
    }
    return pdf;
  }
}
