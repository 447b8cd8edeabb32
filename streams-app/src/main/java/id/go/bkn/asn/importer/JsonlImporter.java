package id.go.bkn.asn.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topics.TopicKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Imports a JSON-lines file into a reference or training topic. The whole file is checked before
 * anything is written, so a bad line stops the import with its number and reason and leaves the
 * topic untouched; then every line is written through the given writer (which the command makes
 * transactional). Blank lines are skipped.
 */
public final class JsonlImporter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContractTopic topic;
  private final Schema schema;

  /** An importer for one topic of the contract. */
  public JsonlImporter(final ContractTopic topic) {
    if (!TopicKeys.isKeyedByValue(topic) || topic.valueType().isEmpty()) {
      throw new BadImportFile(
          "Topic "
              + topic.topicName()
              + " is written by the pipeline; import writes reference.* and training.* input"
              + " topics");
    }
    this.topic = topic;
    this.schema = SpecificData.get().getSchema(topic.valueType().get());
  }

  /** The schema the lines are converted to. */
  public Schema schema() {
    return schema;
  }

  /** Checks every line; throws {@link BadImportFile} naming the first bad one. */
  public int check(final Path file) {
    return forEachRecord(file, (key, value) -> {});
  }

  /** Checks the file, then hands every record to {@code writer}; returns how many were written. */
  public int importFile(final Path file, final RecordWriter writer) {
    check(file);
    return forEachRecord(file, writer);
  }

  private int forEachRecord(final Path file, final RecordWriter writer) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BadImportFile(file + " does not exist or cannot be read");
    }
    int count = 0;
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        final GenericRecord record = parse(line, lineNumber, file);
        writer.write(TopicKeys.keyOf(topic, record), record);
        count++;
      }
    } catch (final CharacterCodingException e) {
      throw new BadImportFile(file + " line " + (lineNumber + 1) + ": not valid UTF-8 text");
    } catch (final IOException e) {
      throw new BadImportFile("Cannot read " + file + ": " + e.getMessage());
    }
    return count;
  }

  private GenericRecord parse(final String line, final int lineNumber, final Path file) {
    final JsonNode json;
    try {
      json = JSON.readTree(line);
    } catch (final JsonProcessingException e) {
      throw new BadImportFile(
          file + " line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
    try {
      final GenericRecord record = JsonToAvro.convert(json, schema);
      TopicKeys.keyOf(topic, record);
      return record;
    } catch (final JsonToAvro.InvalidJson | IllegalArgumentException e) {
      throw new BadImportFile(file + " line " + lineNumber + ": " + e.getMessage());
    }
  }

  /** Where imported records go. */
  @FunctionalInterface
  public interface RecordWriter {
    void write(String key, GenericRecord value);
  }

  /** The file cannot be imported; the message names the line and the reason. */
  public static final class BadImportFile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadImportFile(final String message) {
      super(message);
    }
  }
}
