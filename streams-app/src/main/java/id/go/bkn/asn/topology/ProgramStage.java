package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/** Stage 3, by programme. Being written (issue #3); see docs/design/topology.md. */
final class ProgramStage {

  private final TopologyContext context;

  ProgramStage(final TopologyContext context) {
    this.context = context;
  }

  /** Adds the weekly programme satisfaction on the programme stream. */
  void build(final StreamsBuilder builder, final KStream<String, ProgramMessage> programs) {
    throw new UnsupportedOperationException("programme stage not written yet: " + context.topics());
  }
}
