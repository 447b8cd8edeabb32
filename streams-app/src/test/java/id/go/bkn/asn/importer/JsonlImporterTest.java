package id.go.bkn.asn.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.topics.ContractTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlImporterTest {

  private static final String GOOD_1 =
      "{\"eventId\":\"f1\",\"employeeId\":\"E1\",\"programId\":\"P1\",\"runId\":\"R1\","
          + "\"overall\":4,\"occurredAt\":\"2026-11-20T08:00:00+07:00\",\"source\":\"LMS\"}";
  private static final String ANONYMOUS =
      "{\"eventId\":\"f2\",\"employeeId\":null,\"programId\":\"P9\",\"runId\":\"R1\","
          + "\"overall\":5,\"occurredAt\":\"2026-11-20T08:00:00+07:00\",\"source\":\"LMS\"}";

  @TempDir Path dir;

  @Test
  void shouldWriteEveryLineKeyedByContractWhenFileIsValid() throws Exception {
    final Path file = write(GOOD_1, "", ANONYMOUS);
    final List<String> keys = new ArrayList<>();

    final int written =
        new JsonlImporter(ContractTopic.FEEDBACK).importFile(file, (k, v) -> keys.add(k));

    assertThat(written).isEqualTo(2);
    assertThat(keys).containsExactly("E1", "P9");
  }

  @Test
  void shouldWriteNothingAndNameTheLineWhenALineIsBad() throws Exception {
    final Path file = write(GOOD_1, ANONYMOUS, "{\"eventId\":", GOOD_1);
    final List<String> keys = new ArrayList<>();

    assertThatThrownBy(
            () -> new JsonlImporter(ContractTopic.FEEDBACK).importFile(file, (k, v) -> keys.add(k)))
        .isInstanceOf(JsonlImporter.BadImportFile.class)
        .hasMessageStartingWith(file + " line 3: not valid JSON");
    assertThat(keys).isEmpty();
  }

  @Test
  void shouldReportTheFieldWhenLineDoesNotFitSchema() throws Exception {
    final Path file = write(GOOD_1, GOOD_1.replace("\"overall\":4", "\"overall\":4.5"));

    assertThatThrownBy(() -> new JsonlImporter(ContractTopic.FEEDBACK).check(file))
        .hasMessage(file + " line 2: field 'overall': expected a whole number, got number 4.5");
  }

  @Test
  void shouldRefuseWhenTopicIsWrittenByThePipeline() {
    assertThatThrownBy(() -> new JsonlImporter(ContractTopic.UNIT_ACTIVITY_WEEKLY))
        .hasMessageContaining("written by the pipeline");
  }

  @Test
  void shouldSayWhenFileIsMissing() {
    final Path missing = dir.resolve("nope.jsonl");

    assertThatThrownBy(() -> new JsonlImporter(ContractTopic.FEEDBACK).check(missing))
        .hasMessage(missing + " does not exist or cannot be read");
  }

  private Path write(final String... lines) throws Exception {
    final Path file = dir.resolve("events.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
