package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.topology.tree.ProgramPartitioner;
import id.go.bkn.asn.topology.tree.TreeOutput;
import id.go.bkn.asn.topology.tree.TreeOutput.Target;
import id.go.bkn.asn.topology.tree.TreeProcessorSupplier;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 2, partitioned by root unit (docs/design/topology.md): reads the accepted events and roster
 * changes of the asn-tree repartition (keyed by root unit; anonymous feedback by programme) and
 * writes {@code analytics.unit-activity-daily} and {@code -weekly} (key {@code unitId|yyyy-MM-dd}),
 * {@code analytics.unit-jp-ytd} ({@code unitId|yyyy}), {@code restricted.employee-jp-ytd} ({@code
 * employeeId|yyyy}), {@code alerts.participation} ({@code unitId|RULE}) and {@code
 * training.late-events} (original key and bytes). Returns what the programme stage needs, keyed by
 * programme through the internal topic {@code asn-program}, with the tree tasks' watermarks sent to
 * every partition of it.
 */
final class TreeStage {

  private static final String BRANCH_PREFIX = "tree-out-";

  private final TopologyContext context;
  private final TreeProcessorSupplier processors;

  TreeStage(final TopologyContext context) {
    this(context, new TreeProcessorSupplier(context));
  }

  /**
   * A tree stage with closed windows deleted in chunks of {@code deleteChunk} keys and at most
   * {@code workChunk} units of a close done per call (tests).
   */
  TreeStage(final TopologyContext context, final int deleteChunk, final int workChunk) {
    this(context, new TreeProcessorSupplier(context, deleteChunk, workChunk));
  }

  private TreeStage(final TopologyContext context, final TreeProcessorSupplier processors) {
    this.context = context;
    this.processors = processors;
  }

  /**
   * Adds the unit windows, year-to-date figures, alerts and late events on the tree stream; returns
   * what the programme stage needs, repartitioned by programme (internal topic {@code
   * asn-program}), watermarks included.
   */
  KStream<String, ProgramMessage> build(
      final StreamsBuilder builder, final KStream<String, TreeMessage> trees) {
    final KStream<String, TreeOutput> outputs =
        trees.process(processors, Named.as("tree-aggregate"));
    final Map<String, KStream<String, TreeOutput>> branches = splitByTarget(outputs);
    writeLateEvents(branch(branches, Target.LATE_EVENT));
    final TopicNames topics = context.topics();
    final TopologySerdes serdes = context.serdes();
    write(
        branches,
        Target.UNIT_ACTIVITY_DAILY,
        UnitActivity.class,
        topics.unitActivityDaily(),
        serdes.unitActivity());
    write(
        branches,
        Target.UNIT_ACTIVITY_WEEKLY,
        UnitActivity.class,
        topics.unitActivityWeekly(),
        serdes.unitActivity());
    write(branches, Target.UNIT_JP_YTD, UnitJpProgress.class, topics.unitJpYtd(), serdes.unitJp());
    write(
        branches,
        Target.EMPLOYEE_JP_YTD,
        EmployeeJpProgress.class,
        topics.employeeJpYtd(),
        serdes.employeeJp());
    write(branches, Target.ALERT, ParticipationAlert.class, topics.alerts(), serdes.alert());
    return branch(branches, Target.PROGRAM)
        .mapValues(v -> v.as(ProgramMessage.class), Named.as("tree-program-values"))
        .repartition(
            Repartitioned.<String, ProgramMessage>as("asn-program")
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.programMessage())
                .withNumberOfPartitions(context.settings().programPartitions())
                .withStreamPartitioner(new ProgramPartitioner()));
  }

  private static Map<String, KStream<String, TreeOutput>> splitByTarget(
      final KStream<String, TreeOutput> outputs) {
    var split = outputs.split(Named.as(BRANCH_PREFIX));
    for (final Target target : Target.values()) {
      split = split.branch((key, value) -> value.target() == target, Branched.as(name(target)));
    }
    return split.noDefaultBranch();
  }

  private static KStream<String, TreeOutput> branch(
      final Map<String, KStream<String, TreeOutput>> branches, final Target target) {
    return branches.get(BRANCH_PREFIX + name(target));
  }

  private static String name(final Target target) {
    return target.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private void writeLateEvents(final KStream<String, TreeOutput> late) {
    late.map(
            (key, value) -> {
              final TreeOutput.LateEvent event = value.as(TreeOutput.LateEvent.class);
              return KeyValue.pair(event.key(), event.value());
            },
            Named.as("tree-late-bytes"))
        .to(
            context.topics().lateEvents(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("tree-late-sink"));
  }

  private static <V> void write(
      final Map<String, KStream<String, TreeOutput>> branches,
      final Target target,
      final Class<V> type,
      final String topic,
      final Serde<V> serde) {
    branch(branches, target)
        .mapValues(value -> value.as(type), Named.as("tree-" + name(target) + "-values"))
        .to(
            topic,
            Produced.with(Serdes.String(), serde).withName("tree-" + name(target) + "-sink"));
  }
}
