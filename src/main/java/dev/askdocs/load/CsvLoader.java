package dev.askdocs.load;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads comma- or semicolon-separated tables ({@code .csv}) with Commons CSV, one line per row with
 * the column names repeated ({@link TableRows}); each line's section is its row ({@code "rows
 * 12-18"}), the first record being row 1 (empty lines are skipped).
 *
 * <p>Decoding follows {@link TextLoader}: UTF-8 only, binary files rejected. Quotes are RFC 4180
 * ({@code ""} inside a quoted field); a file that also uses backslash-escaped quotes ({@code \"},
 * as WikiTableQuestions' tables do) is read with backslash as the escape character. The delimiter
 * is whichever of comma and semicolon the first line holds more of. A malformed file (an
 * unterminated quote) is rejected with the line where it broke. The title is the first line of the
 * text. Stateless and thread-safe.
 */
public final class CsvLoader implements DocumentLoader {
  @Override
  public Set<String> extensions() {
    return Set.of("csv");
  }

  @Override
  public LoadedDocument load(Path file) {
    String source = Utf8Text.read(file);
    List<List<String>> rows = new ArrayList<>();
    try {
      for (CSVRecord record : format(source).parse(new StringReader(source))) {
        rows.add(record.toList());
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new DocumentLoadException("not a readable CSV file: " + e.getMessage(), e);
    }
    StringBuilder joined = new StringBuilder();
    List<Section> sections = new ArrayList<>();
    for (TableRows.Line line : TableRows.numbered(rows)) {
      if (joined.length() > 0) {
        joined.append('\n');
      }
      // A CSV file is one sheet without a name: its locations are "rows 12-18".
      sections.add(new Section(joined.length(), "", line.row(), false));
      joined.append(line.text());
    }
    String text = Utf8Text.normalise(joined.toString());
    if (text.isBlank()) {
      throw new DocumentLoadException("no readable text");
    }
    String title = Titles.firstLine(text);
    return new LoadedDocument(
        title == null ? Titles.fromFileName(file) : title, text, List.of(), sections);
  }

  private static CSVFormat format(String source) {
    int firstLineEnd = source.indexOf('\n');
    String firstLine = firstLineEnd < 0 ? source : source.substring(0, firstLineEnd);
    char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
    CSVFormat.Builder format =
        CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true);
    if (source.contains("\\\"")) {
      format.setEscape('\\');
    }
    return format.get();
  }

  private static long count(String s, char c) {
    return s.chars().filter(ch -> ch == c).count();
  }
}
