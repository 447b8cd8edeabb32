package id.go.bkn.asn.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core of a schema registry, thread-safe: subjects and their versions, registry-wide schema ids
 * (an identical schema registered under another subject reuses its id, as in Confluent's registry,
 * so a record's id names its schema whatever the topic), and compatibility levels, global and per
 * subject, checked with Avro's own {@link SchemaCompatibility}. Schemas are identified by their
 * parsed form ({@link Schema#equals}: names, types, defaults and properties, not whitespace, field
 * docs or key order of the JSON). Every change is appended to a {@link SchemaLog} before it is
 * applied, and the log is replayed at construction, so ids and versions survive a restart.
 */
public final class SchemaRegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryStore.class);

  /** Confluent's default level. */
  public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

  private record Registered(int version, int id, Schema schema, boolean deleted) {}

  private final SchemaLog log;
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<String, TreeMap<Integer, Registered>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = DEFAULT_COMPATIBILITY;
  private int maxId;

  /** A store over the log, rebuilt from the log's entries. */
  public SchemaRegistryStore(final SchemaLog log) {
    this.log = log;
    synchronized (this) {
      log.replay(this::apply);
    }
    LOG.info(
        "Schema registry store ready: {} subject(s), {} schema(s)",
        subjects.size(),
        schemasById.size());
  }

  /** A store whose state lives only as long as it does. */
  public static SchemaRegistryStore inMemory() {
    return new SchemaRegistryStore(new InMemorySchemaLog());
  }

  /**
   * Parses a schema as the registry receives it.
   *
   * @throws SchemaRegistryException with code 42201 when it is not a valid Avro schema
   */
  public static Schema parse(final String schema) {
    if (schema == null || schema.isBlank()) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: the schema is empty");
    }
    try {
      return new Schema.Parser().parse(schema);
    } catch (final AvroRuntimeException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
    }
  }

  /**
   * Registers the schema under the subject: the existing version when the subject already holds it,
   * else a new version (after the compatibility check) with the schema's existing id or a new one.
   *
   * @throws SchemaRegistryException 409 when the schema is incompatible, 50001 when the log fails
   */
  public synchronized SubjectVersion register(final String subject, final Schema schema) {
    final Optional<SubjectVersion> existing = lookup(subject, schema);
    if (existing.isPresent()) {
      return existing.get();
    }
    final List<String> problems = incompatibilities(subject, schema, null);
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject '"
              + subject
              + "' ("
              + compatibility(subject)
              + "): "
              + String.join("; ", problems));
    }
    final Integer knownId = idsBySchema.get(schema);
    final int id = knownId != null ? knownId : maxId + 1;
    final TreeMap<Integer, Registered> versions = subjects.get(subject);
    final int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    final SchemaLogEntry.SchemaVersion entry =
        new SchemaLogEntry.SchemaVersion(subject, version, id, schema.toString(), false);
    append(entry);
    applyVersion(entry, schema);
    LOG.info("Registered schema id {} as version {} of subject {}", id, version, subject);
    return new SubjectVersion(subject, version, id, schema);
  }

  /** The schema with this id. */
  public synchronized Schema schemaById(final int id) {
    final Schema schema = schemasById.get(id);
    if (schema == null) {
      throw SchemaRegistryException.schemaNotFound(id);
    }
    return schema;
  }

  /** The subject versions holding the schema with this id. */
  public synchronized List<SubjectVersion> versionsOfId(final int id) {
    final Schema schema = schemaById(id);
    final List<SubjectVersion> found = new ArrayList<>();
    subjects.forEach(
        (subject, versions) ->
            versions.values().stream()
                .filter(r -> r.id() == id && !r.deleted())
                .forEach(r -> found.add(new SubjectVersion(subject, r.version(), id, schema))));
    return found;
  }

  /** Every subject with at least one live version, sorted. */
  public synchronized List<String> subjects() {
    return subjects.entrySet().stream()
        .filter(e -> e.getValue().values().stream().anyMatch(r -> !r.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The live version numbers of the subject, ascending. */
  public synchronized List<Integer> versions(final String subject) {
    return live(subject).stream().map(Registered::version).toList();
  }

  /** The latest live version of the subject. */
  public synchronized SubjectVersion latest(final String subject) {
    final List<Registered> live = live(subject);
    return toVersion(subject, live.get(live.size() - 1));
  }

  /** One live version of the subject. */
  public synchronized SubjectVersion version(final String subject, final int version) {
    return toVersion(subject, find(subject, version));
  }

  /** The live version of the subject holding this schema, if any. */
  public synchronized Optional<SubjectVersion> lookup(final String subject, final Schema schema) {
    final TreeMap<Integer, Registered> versions = subjects.get(subject);
    if (versions == null) {
      return Optional.empty();
    }
    return versions.values().stream()
        .filter(r -> !r.deleted() && r.schema().equals(schema))
        .findFirst()
        .map(r -> toVersion(subject, r));
  }

  /**
   * Why the schema could not be registered under the subject at its compatibility level: an empty
   * list when it could.
   *
   * @param version the version to check against; null for the subject's rule (the latest, or every
   *     version when transitive)
   */
  public synchronized List<String> incompatibilities(
      final String subject, final Schema schema, final Integer version) {
    final CompatibilityLevel level = compatibility(subject);
    final List<Registered> earlier;
    if (version != null) {
      earlier = List.of(find(subject, version));
    } else {
      final List<Registered> live = liveOrEmpty(subject);
      earlier = live.isEmpty() || level.transitive() ? live : List.of(live.get(live.size() - 1));
    }
    final List<String> problems = new ArrayList<>();
    for (final Registered old : earlier) {
      if (level.backward()) {
        describe(problems, "new schema cannot read version " + old.version(), schema, old.schema());
      }
      if (level.forward()) {
        describe(
            problems, "version " + old.version() + " cannot read new schema", old.schema(), schema);
      }
    }
    return problems;
  }

  /** The registry-wide compatibility level. */
  public synchronized CompatibilityLevel compatibility() {
    return globalLevel;
  }

  /** The subject's level if it has one, else the registry-wide one. */
  public synchronized CompatibilityLevel compatibility(final String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** The subject's own level, if one was set. */
  public synchronized Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** Sets the registry-wide level. */
  public synchronized void setCompatibility(final CompatibilityLevel level) {
    final SchemaLogEntry.Compatibility entry = new SchemaLogEntry.Compatibility(null, level);
    append(entry);
    apply(entry);
  }

  /** Sets the subject's own level. */
  public synchronized void setCompatibility(final String subject, final CompatibilityLevel level) {
    final SchemaLogEntry.Compatibility entry = new SchemaLogEntry.Compatibility(subject, level);
    append(entry);
    apply(entry);
  }

  private Registered find(final String subject, final int version) {
    return live(subject).stream()
        .filter(r -> r.version() == version)
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
  }

  private List<Registered> liveOrEmpty(final String subject) {
    final TreeMap<Integer, Registered> versions = subjects.get(subject);
    return versions == null
        ? List.of()
        : versions.values().stream().filter(r -> !r.deleted()).toList();
  }

  private List<Registered> live(final String subject) {
    final List<Registered> live = liveOrEmpty(subject);
    if (live.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return live;
  }

  private static SubjectVersion toVersion(final String subject, final Registered registered) {
    return new SubjectVersion(subject, registered.version(), registered.id(), registered.schema());
  }

  private static void describe(
      final List<String> problems, final String what, final Schema reader, final Schema writer) {
    final SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (final SchemaCompatibility.Incompatibility incompatibility :
        result.getIncompatibilities()) {
      problems.add(
          what
              + ": "
              + incompatibility.getType()
              + " at "
              + incompatibility.getLocation()
              + " ("
              + incompatibility.getMessage()
              + ")");
    }
  }

  private void append(final SchemaLogEntry entry) {
    try {
      log.append(entry);
    } catch (final SchemaRegistryException e) {
      throw e;
    } catch (final RuntimeException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.STORE_ERROR,
          SchemaRegistryException.statusOf(SchemaRegistryException.STORE_ERROR),
          "Error while storing a registry change: " + e.getMessage(),
          e);
    }
  }

  private void apply(final SchemaLogEntry entry) {
    if (entry instanceof SchemaLogEntry.SchemaVersion version) {
      final Schema schema;
      try {
        schema = parse(version.schema());
      } catch (final SchemaRegistryException e) {
        // A log written by another registry may hold what this one cannot parse: skip, loudly.
        LOG.warn(
            "Skipping version {} of subject {} (id {}) from the schema log: {}",
            version.version(),
            version.subject(),
            version.id(),
            e.getMessage());
        return;
      }
      applyVersion(version, schema);
    } else if (entry instanceof SchemaLogEntry.Compatibility config) {
      if (config.subject() == null) {
        globalLevel = config.level() == null ? DEFAULT_COMPATIBILITY : config.level();
      } else if (config.level() == null) {
        subjectLevels.remove(config.subject());
      } else {
        subjectLevels.put(config.subject(), config.level());
      }
    }
  }

  private void applyVersion(final SchemaLogEntry.SchemaVersion entry, final Schema schema) {
    // Keep the first schema object of an id, so every version sharing it returns the same one.
    final Schema canonical = schemasById.computeIfAbsent(entry.id(), id -> schema);
    idsBySchema.putIfAbsent(canonical, entry.id());
    maxId = Math.max(maxId, entry.id());
    subjects
        .computeIfAbsent(entry.subject(), s -> new TreeMap<>())
        .put(
            entry.version(),
            new Registered(entry.version(), entry.id(), canonical, entry.deleted()));
  }
}
