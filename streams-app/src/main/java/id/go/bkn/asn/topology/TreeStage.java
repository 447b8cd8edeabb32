package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/** Stage 2, by root unit. Being written (issue #3); see docs/design/topology.md. */
final class TreeStage {

  private final TopologyContext context;

  TreeStage(final TopologyContext context) {
    this.context = context;
  }

  /**
   * Adds the unit windows, year-to-date figures, alerts and late events on the tree stream; returns
   * what the programme stage needs, repartitioned by programme (internal topic {@code
   * asn-program}), watermarks included.
   */
  KStream<String, ProgramMessage> build(
      final StreamsBuilder builder, final KStream<String, TreeMessage> trees) {
    throw new UnsupportedOperationException("tree stage not written yet: " + context.topics());
  }
}
