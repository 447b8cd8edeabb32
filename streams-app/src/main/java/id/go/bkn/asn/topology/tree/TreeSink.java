package id.go.bkn.asn.topology.tree;

/** Where the tree stage's ledgers hand the records they publish; the processor forwards them. */
@FunctionalInterface
public interface TreeSink {

  /** Publishes one record under its output key. */
  void emit(TreeOutput.Target target, String key, Object value);
}
