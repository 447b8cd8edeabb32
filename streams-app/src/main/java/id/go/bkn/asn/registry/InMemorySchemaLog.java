package id.go.bkn.asn.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link SchemaLog} in memory: durable for as long as the object lives, which is what tests and
 * {@code mock://} scopes need. Sharing one instance between two stores simulates a restart.
 */
public final class InMemorySchemaLog implements SchemaLog {
  private final List<SchemaLogEntry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void append(final SchemaLogEntry entry) {
    entries.add(entry);
  }

  @Override
  public void replay(final Consumer<SchemaLogEntry> consumer) {
    entries.forEach(consumer);
  }

  /** The entries appended so far, oldest first. */
  public List<SchemaLogEntry> entries() {
    return List.copyOf(entries);
  }
}
