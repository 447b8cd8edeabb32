package id.go.bkn.asn.registry;

import java.util.function.Consumer;

/**
 * Where a {@link SchemaRegistryStore} keeps its changes so they survive a restart: each change is
 * appended durably before it is applied, and all of them are replayed in order at start. {@link
 * InMemorySchemaLog} serves tests and the {@code mock://} scopes; {@link KafkaSchemaLog} keeps them
 * in a compacted {@code _schemas} topic as Confluent's registry does.
 */
public interface SchemaLog extends AutoCloseable {

  /**
   * Stores the entry durably; returns only once it would survive a crash.
   *
   * @throws SchemaRegistryException with code 50001 when it cannot be stored
   */
  void append(SchemaLogEntry entry);

  /** Passes every stored entry, oldest first, to the consumer. */
  void replay(Consumer<SchemaLogEntry> consumer);

  @Override
  default void close() {}
}
