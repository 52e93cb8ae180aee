package dk.jobagent.worker.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  private static List<CsvRecord> all(String text) throws IOException {
    CsvRecordReader reader = new CsvRecordReader(new StringReader(text));
    List<CsvRecord> records = new ArrayList<>();
    CsvRecord r;
    while ((r = reader.next()) != null) {
      records.add(r);
    }
    return records;
  }

  @Test
  void plainFieldsAndLineNumbers() throws IOException {
    assertThat(all("a,b,c\n1,2,3\n4,,6\n"))
        .containsExactly(
            new CsvRecord(1, List.of("a", "b", "c")),
            new CsvRecord(2, List.of("1", "2", "3")),
            new CsvRecord(3, List.of("4", "", "6")));
  }

  @Test
  void crlfBomAndBlankLinesAndNoFinalNewline() throws IOException {
    assertThat(all("\uFEFFa,b\r\n\r\n1,2\r\n\n3,4"))
        .containsExactly(
            new CsvRecord(1, List.of("a", "b")),
            new CsvRecord(3, List.of("1", "2")),
            new CsvRecord(5, List.of("3", "4")));
  }

  @Test
  void quotedFieldsWithCommasQuotesAndNewlines() throws IOException {
    List<CsvRecord> records =
        all("h1,h2\n\"Smed, klejn\",\"sagde \"\"hej\"\"\"\n\"to\nlinjer\",x\nnext,y\n");
    assertThat(records)
        .containsExactly(
            new CsvRecord(1, List.of("h1", "h2")),
            new CsvRecord(2, List.of("Smed, klejn", "sagde \"hej\"")),
            new CsvRecord(3, List.of("to\nlinjer", "x")),
            new CsvRecord(5, List.of("next", "y")));
  }

  @Test
  void danishLettersSurvive() throws IOException {
    assertThat(all("Rådgiver,Økonom,Ærø\n").getFirst().fields())
        .containsExactly("Rådgiver", "Økonom", "Ærø");
  }

  @Test
  void anUnterminatedQuoteIsReportedWithItsLine() {
    assertThatThrownBy(() -> all("a,b\n1,2\n\"open,3\n4,5\n"))
        .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
        .hasMessageContaining("line 3");
  }
}
