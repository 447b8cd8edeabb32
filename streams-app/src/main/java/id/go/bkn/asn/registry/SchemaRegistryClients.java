package id.go.bkn.asn.registry;

/**
 * Creates the registry client a config asks for: a {@code mock://} scope or a real registry over
 * HTTP, either way behind {@link CachingSchemaRegistryClient}.
 */
public final class SchemaRegistryClients {
  private SchemaRegistryClients() {}

  /** The cached client of the configured registry. */
  public static SchemaRegistryClient create(final RegistryClientConfig config) {
    final SchemaRegistryClient client =
        config.mockScope().isPresent()
            ? MockSchemaRegistry.client(config.mockScope().get())
            : new HttpSchemaRegistryClient(config);
    return new CachingSchemaRegistryClient(client, config.cacheCapacity());
  }
}
