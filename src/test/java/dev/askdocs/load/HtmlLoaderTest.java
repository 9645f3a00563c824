package dev.askdocs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlLoaderTest {
  private final HtmlLoader loader = new HtmlLoader();

  @TempDir Path dir;

  @Test
  void reads_only_visible_text_with_block_breaks() throws Exception {
    LoadedDocument doc = loader.load(fixture("hostile.html"));

    assertThat(doc.title()).isEqualTo("Release Notes");
    assertThat(doc.text())
        .isEqualTo(
            """
            Home

            Version 2.0

            The first paragraph ends here.

            The second paragraph starts here.

            Line one
            Line two

            Reported payload: <img src=x onerror=alert(1)> was shown as text.

            Faster indexing
            Smaller index

            Format\tStatus
            PDF\tsupported

              indented
                code

            Fish & chips \u2014 caf\u00e9.""");
  }

  @Test
  void drops_scripts_styles_templates_and_hidden_content() throws Exception {
    String text = loader.load(fixture("hostile.html")).text();

    assertThat(text)
        .doesNotContain(
            "stolen",
            "pwned",
            "injected",
            "color: red",
            "enable JavaScript",
            "Template content",
            "Hidden text",
            "Invisible by style",
            "a comment nobody sees",
            "charset");
  }

  @Test
  void keeps_escaped_markup_as_literal_text() throws Exception {
    String text = loader.load(fixture("hostile.html")).text();

    assertThat(text).contains("<img src=x onerror=alert(1)>");
  }

  @Test
  void takes_title_from_first_h1_without_title_element() throws IOException {
    Path file = write("page.html", "<p>Intro</p><h1>Main <em>Heading</em></h1><h1>Second</h1>");

    assertThat(loader.load(file).title()).isEqualTo("Main Heading");
  }

  @Test
  void takes_the_url_from_the_canonical_link_else_og_url() throws IOException {
    Path canonical =
        write(
            "c.html",
            "<head><meta property=og:url content=\"https://h.org/og\">"
                + "<link rel=\"Canonical\" href=\"https://h.org/guide/a.html\"></head><p>Text.</p>");
    Path og = write("o.html", "<meta property=og:url content=\"http://h.org/og\"><p>Text.</p>");
    Path none = write("n.html", "<p>Text.</p>");

    assertThat(loader.load(canonical).url()).isEqualTo("https://h.org/guide/a.html");
    assertThat(loader.load(og).url()).isEqualTo("http://h.org/og");
    assertThat(loader.load(none).url()).isNull();
  }

  @Test
  void takes_only_absolute_http_urls() throws IOException {
    Path file =
        write(
            "u.html",
            "<link rel=canonical href=\"javascript:alert(1)\"><link rel=canonical href=\"/rel\">"
                + "<link rel=canonical href=\"data:text/html,x\"><link rel=canonical href=\"https://h.org/a b\">"
                + "<p>Text.</p>");
    Path fine =
        write(
            "f.html",
            "<link rel=canonical href=\"javascript:x\"><link rel=canonical href=\" https://h.org/ok \"><p>T.</p>");

    assertThat(loader.load(file).url()).isNull();
    assertThat(loader.load(fine).url()).isEqualTo("https://h.org/ok");
  }

  @Test
  void takes_title_from_file_name_without_title_or_h1() throws IOException {
    Path file = write("release-plan.htm", "<html><title>  </title><p>Just text.</p></html>");

    LoadedDocument doc = loader.load(file);

    assertThat(doc.title()).isEqualTo("release-plan");
    assertThat(doc.text()).isEqualTo("Just text.");
  }

  @Test
  void keeps_inline_elements_in_one_sentence() throws IOException {
    Path file =
        write("inline.html", "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, then <b>stop</b>.</p>");

    assertThat(loader.load(file).text()).isEqualTo("Press Ctrl+C, then stop.");
  }

  @Test
  void reads_charset_declared_in_meta() throws IOException {
    byte[] latin1 =
        "<meta charset=\"iso-8859-1\"><p>Caf\u00e9 cr\u00e8me</p>"
            .getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("latin1.html"), latin1);

    assertThat(loader.load(file).text()).isEqualTo("Caf\u00e9 cr\u00e8me");
  }

  @Test
  void rejects_page_without_visible_text() throws IOException {
    Path file =
        write("empty.html", "<html><head><title>Blank</title></head><body><script>x()</script>");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessage("no visible text");
  }

  @Test
  void rejects_missing_file_as_unreadable() {
    assertThatThrownBy(() -> loader.load(dir.resolve("gone.html")))
        .isInstanceOf(DocumentLoadException.class)
        .hasMessageStartingWith("cannot read file: ");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(HtmlLoaderTest.class.getResource("/fixtures/" + name).toURI());
  }
}
