package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WebFolderTest {
  @Test
  void copies_every_file_of_the_chat_page_byte_for_byte() throws Exception {
    Path copy = WebFolder.extract();
    Path source = Path.of("web");
    List<Path> files;
    try (Stream<Path> s = Files.walk(source)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Path copied = copy.resolve(source.relativize(f).toString());
      assertThat(copied).as("copy of " + f).exists();
      assertThat(Files.readAllBytes(copied)).isEqualTo(Files.readAllBytes(f));
    }
    try (Stream<Path> s = Files.walk(copy)) {
      assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(files.size());
    }
  }
}
