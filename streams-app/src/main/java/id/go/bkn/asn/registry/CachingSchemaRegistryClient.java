package id.go.bkn.asn.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} decorator that remembers what never changes in a registry: the
 * schema of an id, the id of a schema under a subject, and the subject version of a schema; each
 * cache is bounded. Lists, latest versions and compatibility settings do change, so they always go
 * to the registry. This is the client the serdes use, so a record's hot path costs no registry call
 * once its schema has been seen.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {
  private record SubjectSchema(String subject, Schema schema) {}

  private record SubjectVersionKey(String subject, int version) {}

  private final SchemaRegistryClient delegate;
  private final LruCache<Integer, Schema> schemasById;
  private final LruCache<SubjectSchema, Integer> idsBySubjectSchema;
  private final LruCache<SubjectSchema, SubjectVersion> versionsBySubjectSchema;
  private final LruCache<SubjectVersionKey, SubjectVersion> versionsByNumber;

  public CachingSchemaRegistryClient(final SchemaRegistryClient delegate, final int capacity) {
    this.delegate = delegate;
    this.schemasById = new LruCache<>(capacity);
    this.idsBySubjectSchema = new LruCache<>(capacity);
    this.versionsBySubjectSchema = new LruCache<>(capacity);
    this.versionsByNumber = new LruCache<>(capacity);
  }

  @Override
  public int register(final String subject, final Schema schema) {
    final int id =
        idsBySubjectSchema.computeIfAbsent(
            new SubjectSchema(subject, schema), key -> delegate.register(subject, schema));
    schemasById.put(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(final int id) {
    return schemasById.computeIfAbsent(id, delegate::schemaById);
  }

  @Override
  public SubjectVersion latest(final String subject) {
    return remember(delegate.latest(subject));
  }

  @Override
  public SubjectVersion version(final String subject, final int version) {
    return versionsByNumber.computeIfAbsent(
        new SubjectVersionKey(subject, version),
        key -> remember(delegate.version(subject, version)));
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(final String subject) {
    return delegate.versions(subject);
  }

  @Override
  public Optional<SubjectVersion> lookup(final String subject, final Schema schema) {
    final SubjectSchema key = new SubjectSchema(subject, schema);
    final SubjectVersion cached = versionsBySubjectSchema.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    // Absence is not cached: the schema may be registered a moment later.
    final Optional<SubjectVersion> found = delegate.lookup(subject, schema);
    found.ifPresent(
        version -> {
          versionsBySubjectSchema.put(key, version);
          idsBySubjectSchema.put(key, version.id());
          schemasById.put(version.id(), version.schema());
        });
    return found;
  }

  @Override
  public boolean isCompatible(final String subject, final Schema schema) {
    return delegate.isCompatible(subject, schema);
  }

  @Override
  public CompatibilityLevel compatibility() {
    return delegate.compatibility();
  }

  @Override
  public CompatibilityLevel compatibility(final String subject) {
    return delegate.compatibility(subject);
  }

  @Override
  public void setCompatibility(final CompatibilityLevel level) {
    delegate.setCompatibility(level);
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "Caching" + delegate;
  }

  private SubjectVersion remember(final SubjectVersion version) {
    schemasById.put(version.id(), version.schema());
    versionsByNumber.put(new SubjectVersionKey(version.subject(), version.version()), version);
    return version;
  }
}
