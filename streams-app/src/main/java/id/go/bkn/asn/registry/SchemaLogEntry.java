package id.go.bkn.asn.registry;

import java.util.Objects;

/**
 * One durable change of a registry's state, as a {@link SchemaLog} stores it: a subject version, or
 * a compatibility setting. Replaying every entry in order rebuilds the same state, ids included.
 */
public sealed interface SchemaLogEntry {

  /**
   * A version of a subject, with its registry-wide id and the schema as text.
   *
   * @param deleted true for a soft-deleted version (written by Confluent registries sharing the log
   *     format); it keeps its id but is not served under the subject
   */
  record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
      implements SchemaLogEntry {
    public SchemaVersion {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /**
   * A compatibility setting.
   *
   * @param subject the subject, or null for the registry-wide level
   * @param level the level, or null when the setting was removed
   */
  record Compatibility(String subject, CompatibilityLevel level) implements SchemaLogEntry {}
}
