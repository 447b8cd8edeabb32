package id.go.bkn.asn.registry;

import java.util.Locale;

/**
 * The compatibility levels of the Confluent Schema Registry, with what each one checks a new schema
 * against: the latest version only, or every version (transitive); and in which direction (the new
 * schema reads old data: backward; old schemas read new data: forward; both: full).
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(final boolean backward, final boolean forward, final boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** True when a new schema must be able to read data written with the earlier ones. */
  public boolean backward() {
    return backward;
  }

  /** True when the earlier schemas must be able to read data written with a new one. */
  public boolean forward() {
    return forward;
  }

  /** True when a new schema is checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * The level with this name (case-insensitive), or a {@link SchemaRegistryException} with
   * Confluent's error code 42203 naming the allowed values.
   */
  public static CompatibilityLevel parse(final String name) {
    if (name != null) {
      for (final CompatibilityLevel level : values()) {
        if (level.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
          return level;
        }
      }
    }
    throw SchemaRegistryException.invalidCompatibilityLevel(name);
  }
}
