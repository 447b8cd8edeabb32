package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.topology.TopologyContext;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** Supplies {@link TreeProcessor}s and connects the stores of {@link TreeStores} to them. */
public final class TreeProcessorSupplier
    implements ProcessorSupplier<String, TreeMessage, String, TreeOutput> {

  private final TopologyContext topology;
  private final int deleteChunk;
  private final int workChunk;

  /** A supplier for the given topology context. */
  public TreeProcessorSupplier(final TopologyContext topology) {
    this(topology, ChunkedDeletes.DEFAULT_CHUNK, TreeProcessor.DEFAULT_WORK_CHUNK);
  }

  /**
   * The same, deleting closed windows' state in chunks of at most {@code deleteChunk} keys and
   * doing at most {@code workChunk} units of a close (FINAL records, moves, waiting messages) per
   * call.
   */
  public TreeProcessorSupplier(
      final TopologyContext topology, final int deleteChunk, final int workChunk) {
    this.topology = topology;
    this.deleteChunk = deleteChunk;
    this.workChunk = workChunk;
  }

  @Override
  public Processor<String, TreeMessage, String, TreeOutput> get() {
    return new TreeProcessor(topology, deleteChunk, workChunk);
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return TreeStores.builders();
  }
}
