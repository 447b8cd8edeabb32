package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

/**
 * The participation topology (design: docs/design/topology.md). Reads {@code training.enrollments},
 * {@code training.attendance} and {@code training.feedback} (keyed by employee; anonymous feedback
 * by programme) with the roster {@code reference.employees} and the global reference stores of
 * {@code reference.units} and {@code reference.programs}; writes the unit aggregates ({@code
 * analytics.unit-activity-daily}, {@code -weekly}, {@code analytics.unit-jp-ytd}, keyed {@code
 * unitId|date} and {@code unitId|yyyy}), {@code analytics.program-satisfaction-weekly} ({@code
 * programId|date}), {@code restricted.employee-jp-ytd} ({@code employeeId|yyyy}), {@code
 * alerts.participation} ({@code unitId|RULE}), and sets records aside in {@code
 * training.dead-letters} and {@code training.late-events}.
 *
 * <p>Three stages: ingest (by employee) -> tree (by root unit) -> programme (by programme).
 */
public final class ParticipationTopology {

  private final TopologyContext context;

  public ParticipationTopology(final TopologyContext context) {
    this.context = context;
  }

  /** The topology, every store, processor and internal topic named. */
  public Topology build() {
    return build(new StreamsBuilder());
  }

  /**
   * The same, built under the app's streams config, so that the builder enforces {@code
   * ensure.explicit.internal.resource.naming} (it only reads that flag from its own config).
   */
  public Topology build(final TopologyConfig config) {
    return build(new StreamsBuilder(config));
  }

  private Topology build(final StreamsBuilder builder) {
    addReferenceStores(builder, context);
    final KStream<String, TreeMessage> trees = new IngestStage(context).build(builder);
    final KStream<String, ProgramMessage> programs = new TreeStage(context).build(builder, trees);
    new ProgramStage(context).build(builder, programs);
    return builder.build();
  }

  /**
   * The global stores {@link TopologyContext#UNITS_STORE} and {@link
   * TopologyContext#PROGRAMS_STORE}: plain key-value stores kept equal to the records the reference
   * judge ({@link ReferenceAuditTopology}) accepted, read from its copies ({@link
   * TopicNames#judgedBy}); without a judge (stage tests), to the records of the reference topics
   * {@link ReferenceCheck} accepts. Stage tests add them too.
   */
  static void addReferenceStores(final StreamsBuilder builder, final TopologyContext context) {
    final TopologySerdes serdes = context.serdes();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyContext.UNITS_STORE),
                Serdes.String(),
                serdes.unit())
            .withLoggingDisabled(),
        context.topics().unitsStoreSource(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("units-source"),
        () ->
            new GlobalStoreUpdater<>(
                TopologyContext.UNITS_STORE, ReferenceCheck.units(serdes.unit().deserializer())));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyContext.PROGRAMS_STORE),
                Serdes.String(),
                serdes.program())
            .withLoggingDisabled(),
        context.topics().programsStoreSource(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("programs-source"),
        () ->
            new GlobalStoreUpdater<>(
                TopologyContext.PROGRAMS_STORE,
                ReferenceCheck.programs(serdes.program().deserializer())));
  }
}
