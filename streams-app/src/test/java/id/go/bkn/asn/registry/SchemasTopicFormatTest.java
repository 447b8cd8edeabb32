package id.go.bkn.asn.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The _schemas topic's JSON, as KafkaSchemaLog writes and reads it (no broker needed). */
class SchemasTopicFormatTest {

  @Test
  void shouldWriteConfluentShapedJsonWhenEntryIsSchemaVersion() {
    // given
    final SchemaLogEntry entry =
        new SchemaLogEntry.SchemaVersion("reference.units-value", 2, 7, "\"string\"", false);

    // then
    assertThat(text(SchemasTopicFormat.key(entry)))
        .isEqualTo(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"reference.units-value\",\"version\":2,\"magic\":1}");
    assertThat(text(SchemasTopicFormat.value(entry)))
        .isEqualTo(
            "{\"subject\":\"reference.units-value\",\"version\":2,\"id\":7,"
                + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
    assertThat(
            SchemasTopicFormat.parse(
                SchemasTopicFormat.key(entry), SchemasTopicFormat.value(entry)))
        .contains(entry);
  }

  @Test
  void shouldRoundTripWhenEntryIsCompatibility() {
    // given a global and a subject setting
    final SchemaLogEntry global = new SchemaLogEntry.Compatibility(null, CompatibilityLevel.FULL);
    final SchemaLogEntry subject =
        new SchemaLogEntry.Compatibility("s-value", CompatibilityLevel.NONE);

    // then
    assertThat(text(SchemasTopicFormat.key(global)))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(text(SchemasTopicFormat.value(global)))
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(
            SchemasTopicFormat.parse(
                SchemasTopicFormat.key(global), SchemasTopicFormat.value(global)))
        .contains(global);
    assertThat(
            SchemasTopicFormat.parse(
                SchemasTopicFormat.key(subject), SchemasTopicFormat.value(subject)))
        .contains(subject);
  }

  @Test
  void shouldIgnoreOtherKeyTypesWhenReadingConfluentTopic() {
    // given a NOOP record that Confluent's registry writes
    final byte[] noop = "{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8);

    // then
    assertThat(SchemasTopicFormat.parse(noop, null)).isEmpty();
  }

  private static String text(final byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
