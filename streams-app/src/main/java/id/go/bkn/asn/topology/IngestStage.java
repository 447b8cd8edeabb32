package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.serde.Decoded;
import id.go.bkn.asn.serde.DecodedSerde;
import id.go.bkn.asn.topology.ingest.AttendanceKind;
import id.go.bkn.asn.topology.ingest.EffectiveFromExtractor;
import id.go.bkn.asn.topology.ingest.EnrollmentKind;
import id.go.bkn.asn.topology.ingest.EventIdMemory;
import id.go.bkn.asn.topology.ingest.EventKind;
import id.go.bkn.asn.topology.ingest.FeedbackKind;
import id.go.bkn.asn.topology.ingest.IngestEventProcessor;
import id.go.bkn.asn.topology.ingest.IngestResult;
import id.go.bkn.asn.topology.ingest.IngestSettings;
import id.go.bkn.asn.topology.ingest.IngestStores;
import id.go.bkn.asn.topology.ingest.IngestWatermarkProcessor;
import id.go.bkn.asn.topology.ingest.OccurredAtExtractor;
import id.go.bkn.asn.topology.ingest.RosterProcessor;
import id.go.bkn.asn.topology.ingest.SessionFacts;
import id.go.bkn.asn.topology.ingest.TreePartitioner;
import id.go.bkn.asn.topology.ingest.YearLedger;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 1, partitioned like its inputs, by employee (docs/design/topology.md). Reads {@code
 * training.enrollments}, {@code training.attendance} and {@code training.feedback} (keyed by
 * employeeId; anonymous feedback by programId) and the co-partitioned roster {@code
 * reference.employees}, kept in the versioned store {@code roster}. Each event is validated,
 * dropped if its eventId was accepted within the de-duplication horizon (stores {@code dedup-ids},
 * {@code dedup-open} and {@code dedup-log}), and attributed to its employee's unit as of
 * occurredAt, and credited to the employee's year totals (store {@code ingest-ytd}, which follow
 * the employee to any tree); refused events go to {@code training.dead-letters} with their original
 * key and bytes and headers saying why (records that do not decode get there through Kafka's own
 * dead-letter queue, see {@code ingest.IngestStreamsConfig}). Accepted events and roster changes
 * leave through the internal topic {@code asn-tree}, keyed by the root unit of their tree
 * (anonymous feedback: by programme), with each task's watermark (store {@code ingest-watermark})
 * sent to every partition of it.
 */
final class IngestStage {

  /** The repartition of the stage's output by tree: topic {@code <app>-asn-tree-repartition}. */
  static final String TREE_TOPIC = "asn-tree";

  private final TopologyContext context;

  IngestStage(final TopologyContext context) {
    this.context = context;
  }

  /**
   * Adds decode, validate, de-duplicate and attribute; returns the accepted events and roster
   * changes repartitioned by tree (internal topic {@code asn-tree}).
   */
  KStream<String, TreeMessage> build(final StreamsBuilder builder) {
    addStores(builder);
    final KStream<String, IngestResult> enrollments =
        ingest(
            builder,
            "enrollments",
            context.topics().enrollments(),
            context.serdes().enrollment(),
            new EnrollmentKind());
    final KStream<String, IngestResult> attendance =
        ingest(
            builder,
            "attendance",
            context.topics().attendance(),
            context.serdes().attendance(),
            new AttendanceKind());
    final KStream<String, IngestResult> feedback =
        ingest(
            builder,
            "feedback",
            context.topics().feedback(),
            context.serdes().feedback(),
            new FeedbackKind());
    final KStream<String, TreeMessage> accepted =
        setAsideRejected(
            enrollments
                .merge(attendance, Named.as("events-merge-attendance"))
                .merge(feedback, Named.as("events-merge-feedback"))
                .merge(rosterChanges(builder), Named.as("tree-merge-roster")));
    return byTree(withWatermarks(accepted));
  }

  /**
   * The task's watermark joins its messages: the tree stage's clock is the minimum over every
   * ingest task, so one task far ahead in event time cannot close windows that a slower one still
   * has events for.
   */
  private KStream<String, TreeMessage> withWatermarks(final KStream<String, TreeMessage> messages) {
    return messages.process(
        () ->
            new IngestWatermarkProcessor(
                context.settings(),
                context.clock(),
                List.of(
                    context.topics().enrollments(),
                    context.topics().attendance(),
                    context.topics().feedback())),
        Named.as("ingest-watermark"),
        IngestWatermarkProcessor.STORE);
  }

  /**
   * Everything on to the tree stage, keyed by root unit (anonymous feedback: programme); the
   * watermarks to every partition.
   */
  private KStream<String, TreeMessage> byTree(final KStream<String, TreeMessage> messages) {
    return messages.repartition(
        Repartitioned.<String, TreeMessage>as(TREE_TOPIC)
            .withKeySerde(Serdes.String())
            .withValueSerde(context.serdes().treeMessage())
            .withNumberOfPartitions(context.settings().treePartitions())
            .withStreamPartitioner(new TreePartitioner()));
  }

  private void addStores(final StreamsBuilder builder) {
    builder.addStateStore(IngestStores.roster(context.serdes().employee()));
    builder.addStateStore(RosterProcessor.pendingStore(context.serdes().employee()));
    builder.addStateStore(RosterProcessor.unknownUnitStore());
    builder.addStateStore(EventIdMemory.log());
    builder.addStateStore(EventIdMemory.open());
    builder.addStateStore(EventIdMemory.index(context.settings().dedupHorizon()));
    builder.addStateStore(SessionFacts.store());
    builder.addStateStore(YearLedger.store());
    builder.addStateStore(IngestWatermarkProcessor.store());
  }

  /**
   * The roster into the versioned store; its changes on, keyed by tree, and its bad records as dead
   * letters.
   */
  private KStream<String, IngestResult> rosterChanges(final StreamsBuilder builder) {
    return builder.stream(
            context.topics().employees(),
            Consumed.with(
                    Serdes.String(), new DecodedSerde<>(context.serdes().employee().deserializer()))
                .withTimestampExtractor(new EffectiveFromExtractor())
                .withName("employees-source"))
        .process(
            () ->
                new RosterProcessor(
                    TopologyContext.UNITS_STORE,
                    context.clock(),
                    context.settings().emitInterval(),
                    context.events(),
                    context.topics().employees(),
                    context.settings().referenceWait(),
                    context.serdes().employee().deserializer()),
            Named.as("roster-update"),
            IngestStores.ROSTER,
            RosterProcessor.pendingStoreName(),
            RosterProcessor.unknownUnitStoreName(),
            YearLedger.STORE);
  }

  /** One input topic validated, de-duplicated and attributed. */
  private <T> KStream<String, IngestResult> ingest(
      final StreamsBuilder builder,
      final String name,
      final String topic,
      final Serde<Decoded<T>> serde,
      final EventKind<T> kind) {
    final IngestSettings settings = settings(topic, kind instanceof AttendanceKind);
    return builder.stream(
            topic,
            Consumed.with(Serdes.String(), serde)
                .withTimestampExtractor(new OccurredAtExtractor<>(kind))
                .withName(name + "-source"))
        .process(
            () -> new IngestEventProcessor<>(kind, settings),
            Named.as(name + "-ingest"),
            IngestStores.ROSTER,
            EventIdMemory.LOG,
            EventIdMemory.OPEN,
            EventIdMemory.INDEX,
            SessionFacts.STORE,
            YearLedger.STORE);
  }

  /** Dead letters to their topic with the original key and bytes; the accepted messages on. */
  private KStream<String, TreeMessage> setAsideRejected(
      final KStream<String, IngestResult> events) {
    final Map<String, KStream<String, IngestResult>> routes =
        events
            .split(Named.as("ingest-"))
            .branch((key, result) -> result.isDeadLetter(), Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));
    routes
        .get("ingest-rejected")
        .mapValues(IngestResult::deadLetter, Named.as("rejected-original-bytes"))
        .to(
            context.topics().deadLetters(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-sink"));
    return routes
        .get("ingest-accepted")
        .mapValues(IngestResult::accepted, Named.as("accepted-message"));
  }

  private IngestSettings settings(final String topic, final boolean rebuildsEventIds) {
    final TopologySettings settings = context.settings();
    return new IngestSettings(
        topic,
        context.clock(),
        settings.maxClockSkew(),
        settings.maxSessionJp(),
        settings.dedupHorizon(),
        context.events(),
        TopologyContext.UNITS_STORE,
        rebuildsEventIds);
  }
}
