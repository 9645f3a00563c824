package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askdocs.Prerequisites;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
  @TempDir Path dir;

  @Test
  void refuses_images_without_tesseract_naming_the_package_to_install() throws IOException {
    Optional<Ocr> none = Ocr.detect(dir.resolve("no-such-tesseract").toString());
    Path image = picture("The harbour opens at dawn.");

    assertThat(none).isEmpty();
    assertThatThrownBy(() -> new ImageLoader(none).load(image))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("image needs OCR: " + Ocr.INSTALL_HINT);
    assertThat(OcrStatus.of(none).enabled()).isFalse();
    assertThat(OcrStatus.of(none).message()).contains("tesseract-ocr");
  }

  @Test
  void reads_the_text_of_a_picture_by_ocr() throws IOException {
    Optional<Ocr> ocr = Ocr.detect();
    Prerequisites.require(ocr.isPresent(), "tesseract is not installed");
    Path image = picture("The harbour opens at dawn.");

    LoadedDocument doc = new ImageLoader(ocr).load(image);

    assertThat(doc.text()).contains("harbour opens at dawn");
    assertThat(doc.title()).contains("harbour");
  }

  @Test
  void refuses_a_picture_without_text() throws IOException {
    Optional<Ocr> ocr = Ocr.detect();
    Prerequisites.require(ocr.isPresent(), "tesseract is not installed");
    BufferedImage blank = new BufferedImage(400, 200, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 200);
    g.dispose();
    Path file = dir.resolve("blank.png");
    ImageIO.write(blank, "png", file.toFile());

    assertThatThrownBy(() -> new ImageLoader(ocr).load(file)).hasMessage("no text found by OCR");
  }

  private Path picture(String line) throws IOException {
    BufferedImage image = new BufferedImage(1200, 200, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1200, 200);
    g.setColor(Color.BLACK);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 48));
    g.drawString(line, 40, 110);
    g.dispose();
    Path file = dir.resolve("picture.png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
