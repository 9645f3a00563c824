package dev.askdocs.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small office files written with Apache POI for the loader tests. */
final class OfficeFiles {
  private OfficeFiles() {}

  /** A DOCX with a heading-styled title paragraph and the given paragraphs. */
  static byte[] docx(String... paragraphs) throws IOException {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String p : paragraphs) {
        doc.createParagraph().createRun().setText(p);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  /** An XLSX with one sheet named {@code sheet} holding {@code rows}. */
  static byte[] xlsx(String sheet, String[][] rows) throws IOException {
    try (XSSFWorkbook book = workbook(sheet, rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      book.write(out);
      return out.toByteArray();
    }
  }

  /** The same workbook, encrypted with a password (ECMA-376 agile encryption). */
  static byte[] encryptedXlsx(String sheet, String[][] rows, String password) throws IOException {
    try (XSSFWorkbook book = workbook(sheet, rows);
        POIFSFileSystem fs = new POIFSFileSystem();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword(password);
      try (OutputStream data = encryptor.getDataStream(fs)) {
        book.write(data);
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException(e);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  /**
   * A DOCX-shaped zip whose {@code word/document.xml} inflates to {@code size} bytes of one
   * paragraph's text, from a file of a few hundred kilobytes.
   */
  static byte[] zipBombDocx(long size) throws IOException {
    byte[] valid = docx("A small document.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(valid));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("word/document.xml")) {
          zip.write(
              ("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                      + "<w:body><w:p><w:r><w:t>")
                  .getBytes(StandardCharsets.UTF_8));
          byte[] block = "bomb ".repeat(13_107).getBytes(StandardCharsets.UTF_8);
          for (long written = 0; written < size; written += block.length) {
            zip.write(block);
          }
          zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        } else {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static XSSFWorkbook workbook(String name, String[][] rows) {
    XSSFWorkbook book = new XSSFWorkbook();
    Sheet sheet = book.createSheet(name);
    for (int r = 0; r < rows.length; r++) {
      Row row = sheet.createRow(r);
      for (int c = 0; c < rows[r].length; c++) {
        row.createCell(c).setCellValue(rows[r][c]);
      }
    }
    return book;
  }
}
