package id.go.bkn.asn.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} over an in-process {@link SchemaRegistryStore}: what {@code
 * mock://} scopes hand out, and what the embedded registry's own process can use without HTTP.
 */
public final class StoreSchemaRegistryClient implements SchemaRegistryClient {
  private final SchemaRegistryStore store;

  public StoreSchemaRegistryClient(final SchemaRegistryStore store) {
    this.store = store;
  }

  @Override
  public int register(final String subject, final Schema schema) {
    return store.register(subject, schema).id();
  }

  @Override
  public Schema schemaById(final int id) {
    return store.schemaById(id);
  }

  @Override
  public SubjectVersion latest(final String subject) {
    return store.latest(subject);
  }

  @Override
  public SubjectVersion version(final String subject, final int version) {
    return store.version(subject, version);
  }

  @Override
  public List<String> subjects() {
    return store.subjects();
  }

  @Override
  public List<Integer> versions(final String subject) {
    return store.versions(subject);
  }

  @Override
  public Optional<SubjectVersion> lookup(final String subject, final Schema schema) {
    return store.lookup(subject, schema);
  }

  @Override
  public boolean isCompatible(final String subject, final Schema schema) {
    return store.incompatibilities(subject, schema, null).isEmpty();
  }

  @Override
  public CompatibilityLevel compatibility() {
    return store.compatibility();
  }

  @Override
  public CompatibilityLevel compatibility(final String subject) {
    return store.compatibility(subject);
  }

  @Override
  public void setCompatibility(final CompatibilityLevel level) {
    store.setCompatibility(level);
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    store.setCompatibility(subject, level);
  }

  @Override
  public void close() {
    // The store belongs to whoever created it; a client has nothing of its own to release.
  }
}
