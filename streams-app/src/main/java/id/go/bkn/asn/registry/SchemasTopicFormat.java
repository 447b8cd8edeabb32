package id.go.bkn.asn.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON keys and values of the {@code _schemas} topic, shaped like those of Confluent's
 * registry: key {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}} with value {@code
 * {"subject","version","id","schema","deleted"}}, and key {@code
 * {"keytype":"CONFIG","subject":"s"|null,"magic":0}} with value {@code
 * {"compatibilityLevel":"..."}}. Other key types Confluent writes (NOOP, MODE, DELETE_SUBJECT...)
 * are read as nothing.
 */
final class SchemasTopicFormat {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "SCHEMA";
  private static final String CONFIG = "CONFIG";

  private SchemasTopicFormat() {}

  static byte[] key(final SchemaLogEntry entry) {
    final ObjectNode key = JSON.createObjectNode();
    if (entry instanceof SchemaLogEntry.SchemaVersion version) {
      key.put("keytype", SCHEMA)
          .put("subject", version.subject())
          .put("version", version.version())
          .put("magic", 1);
    } else if (entry instanceof SchemaLogEntry.Compatibility config) {
      key.put("keytype", CONFIG).put("subject", config.subject()).put("magic", 0);
    }
    return bytes(key);
  }

  /** The value; null (a tombstone) for a removed compatibility setting. */
  static byte[] value(final SchemaLogEntry entry) {
    if (entry instanceof SchemaLogEntry.SchemaVersion version) {
      return bytes(
          JSON.createObjectNode()
              .put("subject", version.subject())
              .put("version", version.version())
              .put("id", version.id())
              .put("schema", version.schema())
              .put("deleted", version.deleted()));
    }
    final SchemaLogEntry.Compatibility config = (SchemaLogEntry.Compatibility) entry;
    return config.level() == null
        ? null
        : bytes(JSON.createObjectNode().put("compatibilityLevel", config.level().name()));
  }

  /**
   * The entry a record of the topic holds: empty for key types this registry does not use and for
   * tombstones of schema versions (the caller drops the key instead).
   *
   * @throws IllegalArgumentException when the key or value is not the expected JSON
   */
  static Optional<SchemaLogEntry> parse(final byte[] key, final byte[] value) {
    final JsonNode keyNode = tree(key);
    final String type = keyNode.path("keytype").asText("");
    final JsonNode subjectNode = keyNode.get("subject");
    final String subject =
        subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
    if (SCHEMA.equals(type)) {
      if (value == null) {
        return Optional.empty();
      }
      final JsonNode node = tree(value);
      return Optional.of(
          new SchemaLogEntry.SchemaVersion(
              node.path("subject").asText(subject),
              node.path("version").asInt(keyNode.path("version").asInt()),
              node.path("id").asInt(),
              node.path("schema").asText(),
              node.path("deleted").asBoolean(false)));
    }
    if (CONFIG.equals(type)) {
      final CompatibilityLevel level =
          value == null
              ? null
              : CompatibilityLevel.parse(tree(value).path("compatibilityLevel").asText());
      return Optional.of(new SchemaLogEntry.Compatibility(subject, level));
    }
    return Optional.empty();
  }

  private static JsonNode tree(final byte[] json) {
    try {
      final JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return node;
    } catch (final IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(final JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (final JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
