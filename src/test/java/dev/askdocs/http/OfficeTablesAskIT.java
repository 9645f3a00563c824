package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spreadsheet built here (two sheets of regions × quarters, Apache POI) beside a prose document
 * that talks about the same regions, ingested by the real app and model; a lookup question must
 * quote the right row and cite its sheet and row.
 */
class OfficeTablesAskIT {
  private static final String[] QUARTERS = {"Q1", "Q2", "Q3", "Q4"};
  private static final String[] REGIONS = {"Americas", "EMEA", "APAC", "LATAM"};

  @TempDir static Path tmp;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() throws IOException {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    try (XSSFWorkbook book = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(corpus.resolve("results-2026.xlsx"))) {
      sheet(book, "Revenue", "Revenue (kEUR)", 1000);
      sheet(book, "Headcount", "Headcount", 10);
      book.write(out);
    }
    Files.writeString(
        corpus.resolve("strategy.md"),
        "# Strategy\n\nThe EMEA region grew in the third quarter. Revenue in every region is"
            + " reported each quarter to the board.\n");
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(10));
    http = new HttpJson(app.port());
  }

  /** Header row 1, then one row per region: Region, then a value per quarter. */
  private static void sheet(XSSFWorkbook book, String name, String title, int scale) {
    Sheet sheet = book.createSheet(name);
    Row header = sheet.createRow(0);
    header.createCell(0).setCellValue("Region");
    for (int q = 0; q < QUARTERS.length; q++) {
      header.createCell(q + 1).setCellValue(QUARTERS[q] + " " + title);
    }
    for (int r = 0; r < REGIONS.length; r++) {
      Row row = sheet.createRow(r + 1);
      row.createCell(0).setCellValue(REGIONS[r]);
      for (int q = 0; q < QUARTERS.length; q++) {
        row.createCell(q + 1).setCellValue(value(r, q, scale));
      }
    }
  }

  private static int value(int region, int quarter, int scale) {
    return scale * (region + 2) + 37 * (quarter + 1) + region;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void finds_the_row_of_a_region_and_quarter_and_cites_its_sheet_and_row() throws Exception {
    JsonNode a = http.ask("What was Q3 revenue in the EMEA region?").json();
    JsonNode c = citationFrom(a, "results-2026.xlsx");
    assertThat(c.get("quote").asText())
        .as(a.toString())
        .contains("Region: EMEA")
        .contains("Q3 Revenue (kEUR): " + value(1, 2, 1000));
    // EMEA is the sheet's row 3: the header is row 1, Americas row 2.
    assertThat(c.get("location").asText()).matches("Sheet Revenue, rows? (3|[1-3]-[3-9])");
  }

  @Test
  void tells_the_sheets_apart() throws Exception {
    JsonNode a = http.ask("What was the Q2 headcount in APAC?").json();
    JsonNode c = citationFrom(a, "results-2026.xlsx");
    assertThat(c.get("quote").asText())
        .as(a.toString())
        .contains("Region: APAC")
        .contains("Q2 Headcount: " + value(2, 1, 10));
    assertThat(c.get("location").asText()).matches("Sheet Headcount, rows? (4|[1-4]-[4-9])");
  }

  private static JsonNode citationFrom(JsonNode answer, String source) {
    List<JsonNode> from = new ArrayList<>();
    answer
        .get("citations")
        .forEach(
            c -> {
              if (c.get("source").asText().equals(source)) {
                from.add(c);
              }
            });
    assertThat(from).as(answer.toString()).isNotEmpty();
    return from.get(0);
  }
}
