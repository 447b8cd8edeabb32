package id.go.bkn.asn.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {
  private static final Schema UNIT =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Unit\",\"fields\":"
                  + "[{\"name\":\"unitId\",\"type\":\"string\"}]}");

  @Test
  void shouldCallRegistryOnceWhenSameSchemaAndIdAreAskedRepeatedly() {
    // given a client that counts the calls reaching the registry
    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger byId = new AtomicInteger();
    final SchemaRegistryStore store = SchemaRegistryStore.inMemory();
    final SchemaRegistryClient counting =
        new CountingClient(new StoreSchemaRegistryClient(store), registers, byId);
    final CachingSchemaRegistryClient cached = new CachingSchemaRegistryClient(counting, 10);

    // when
    int id = 0;
    for (int i = 0; i < 100; i++) {
      id = cached.register("units-value", UNIT);
      cached.schemaById(id);
    }

    // then the registration also taught the cache the id's schema
    assertThat(registers).hasValue(1);
    assertThat(byId).hasValue(0);
    assertThat(cached.schemaById(id)).isEqualTo(UNIT);
  }

  /** Counts register and schemaById calls, delegating everything. */
  private static final class CountingClient implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    private final AtomicInteger registers;
    private final AtomicInteger byId;

    CountingClient(
        final SchemaRegistryClient delegate,
        final AtomicInteger registers,
        final AtomicInteger byId) {
      this.delegate = delegate;
      this.registers = registers;
      this.byId = byId;
    }

    @Override
    public int register(final String subject, final Schema schema) {
      registers.incrementAndGet();
      return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(final int id) {
      byId.incrementAndGet();
      return delegate.schemaById(id);
    }

    @Override
    public SubjectVersion latest(final String subject) {
      return delegate.latest(subject);
    }

    @Override
    public SubjectVersion version(final String subject, final int version) {
      return delegate.version(subject, version);
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
      return delegate.lookup(subject, schema);
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
  }
}
