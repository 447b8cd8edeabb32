package id.go.bkn.asn.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process registries for tests, one per {@code mock://scope}, as in Confluent's serializers: a
 * serde configured with {@code schema.registry.url=mock://my-test} and a test holding {@link
 * #client(String)} of the same scope see the same schemas. Scopes live until {@link #drop(String)}.
 */
public final class MockSchemaRegistry {
  private static final Map<String, SchemaRegistryStore> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The store of the scope, created empty on first use. */
  public static SchemaRegistryStore store(final String scope) {
    return SCOPES.computeIfAbsent(scope, s -> SchemaRegistryStore.inMemory());
  }

  /** A client of the scope's store. */
  public static SchemaRegistryClient client(final String scope) {
    return new StoreSchemaRegistryClient(store(scope));
  }

  /** Forgets the scope, so the next use starts empty; for test tear-down. */
  public static void drop(final String scope) {
    SCOPES.remove(scope);
  }
}
