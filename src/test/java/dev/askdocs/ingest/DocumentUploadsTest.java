package dev.askdocs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentUploadsTest {
  @Test
  void keeps_only_the_file_name_of_an_upload() {
    assertThat(DocumentUploads.safeName("../../etc/passwd.txt")).isEqualTo("passwd.txt");
    assertThat(DocumentUploads.safeName("C:\\Users\\me\\Report 2024.pdf"))
        .isEqualTo("Report 2024.pdf");
    assertThat(DocumentUploads.safeName("a;b|c.md")).isEqualTo("a_b_c.md");
    for (String bad : new String[] {"", "  ", ".hidden.md", "dir/", null}) {
      assertThatThrownBy(() -> DocumentUploads.safeName(bad))
          .isInstanceOf(UploadRejectedException.class)
          .extracting(e -> ((UploadRejectedException) e).reason())
          .isEqualTo(UploadRejectedException.Reason.UNREADABLE);
    }
  }

  @Test
  void a_json_text_becomes_a_text_file_whose_first_line_is_its_title() throws Exception {
    DocumentUploads.Upload u = DocumentUploads.text("Canal Ferry: timetable!", "Hourly.", null);
    assertThat(u.fileName()).isEqualTo("canal-ferry-timetable.txt");
    assertThat(new String(u.content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("Canal Ferry: timetable!\n\nHourly.");
    assertThat(DocumentUploads.text(null, "First line\nmore", "notes").fileName())
        .isEqualTo("notes.txt");
    DocumentUploads.Upload md = DocumentUploads.text("Guide", "Body", "guide.md");
    assertThat(md.fileName()).isEqualTo("guide.md");
    assertThat(new String(md.content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("# Guide\n\nBody");
  }
}
