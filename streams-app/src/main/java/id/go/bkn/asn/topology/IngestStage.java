package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.TreeMessage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/** Stage 1, by employee. Being written (issue #3); see docs/design/topology.md. */
final class IngestStage {

  private final TopologyContext context;

  IngestStage(final TopologyContext context) {
    this.context = context;
  }

  /**
   * Adds decode, validate, de-duplicate and attribute; returns the accepted events and roster
   * changes repartitioned by tree (internal topic {@code asn-tree}).
   */
  KStream<String, TreeMessage> build(final StreamsBuilder builder) {
    throw new UnsupportedOperationException("ingest stage not written yet: " + context.topics());
  }
}
