package id.go.bkn.asn.topology;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference judge (docs/design/bad-input.md): the one reader that decides, once, which records
 * of {@code reference.units} and {@code reference.programs} the app uses, writes those to the
 * app-owned compacted topics the global stores read ({@link TopicNames#judgedBy}), and sets the
 * others aside in {@code training.dead-letters} with their reason.
 *
 * <p>Kafka Streams 4.4 cannot write dead letters from the global thread that keeps the global
 * stores, and a stateful check (is the parent there? does the chain loop?) cannot be made by
 * several readers of a 6-partition topic: each sees the records in another interleaving and would
 * decide differently. So the app runs this topology in a second Kafka Streams client of its own,
 * under {@code <application.id>}{@value #APPLICATION_ID_SUFFIX}, with the same processing guarantee
 * and exception handlers, started before the main client, which waits until it has caught up.
 *
 * <ol>
 *   <li>Every record first goes through the stateless {@link ReferenceCheck}; what it rejects is
 *       set aside (source position from the record itself).
 *   <li>A programme it accepts is copied to the programmes' valid topic.
 *   <li>A unit it accepts is repartitioned to one partition (internal topic {@value #JUDGE_TOPIC}),
 *       carrying its source topic, partition and offset in headers, so that a single {@link
 *       UnitJudge} with a persistent store of the accepted units sees every unit in one order and
 *       decides: a missing parent holds the unit until the parent is accepted or the {@code
 *       referenceWait} runs out (DANGLING_PARENT); a parent chain that reaches the unit is
 *       CYCLIC_PARENT at once; otherwise the unit is accepted and copied to the units' valid topic,
 *       and the units waiting for it are judged in turn.
 * </ol>
 *
 * A dead letter keeps the original key and bytes (and, when set aside by the check, the input's
 * headers), and carries {@code asn.dlq.reason}, {@code __streams.errors.exception} (the decoding
 * exception's class, or the validation's), {@code __streams.errors.message} (field names and the
 * exception's message only), and the source topic, partition and offset; it is stamped with the
 * time it is set aside (docs/design/time.md). Records are read by wall-clock time.
 */
public final class ReferenceAuditTopology {

  /** Appended to the app's application id for the judge client's id (consumer group, etc.). */
  public static final String APPLICATION_ID_SUFFIX = "-reference-judge";

  /** The one-partition repartition topic of the accepted units, before the judge. */
  public static final String JUDGE_TOPIC = "reference-units-judge";

  /** Headers that carry a unit's source position through the repartition topic. */
  static final String SOURCE_TOPIC = "asn.judge.source-topic";

  static final String SOURCE_PARTITION = "asn.judge.source-partition";
  static final String SOURCE_OFFSET = "asn.judge.source-offset";

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceAuditTopology.class);

  private ReferenceAuditTopology() {}

  /** The judge topology, built under the judge client's config (explicit naming enforced). */
  public static Topology build(final TopologyContext context, final TopologyConfig config) {
    final TopicNames topics = context.topics();
    if (!topics.judged()) {
      throw new IllegalArgumentException(
          "the reference judge needs topics of its own for the valid records (TopicNames.judgedBy)");
    }
    final StreamsBuilder builder = new StreamsBuilder(config);
    final TopologySerdes serdes = context.serdes();
    builder.addStateStore(UnitJudge.acceptedStore(serdes.unit()));
    builder.addStateStore(UnitJudge.waitingStore());
    final KStream<byte[], byte[]> programs =
        checked(
            builder,
            context,
            "programs",
            topics.programs(),
            ReferenceCheck.programs(serdes.program().deserializer()),
            false);
    programs.to(
        topics.programsStoreSource(),
        Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName("judge-programs-valid-sink"));
    final KStream<byte[], Judged> units =
        checked(
                builder,
                context,
                "units",
                topics.units(),
                ReferenceCheck.units(serdes.unit().deserializer()),
                true)
            .repartition(
                Repartitioned.<byte[], byte[]>as(JUDGE_TOPIC)
                    .withKeySerde(Serdes.ByteArray())
                    .withValueSerde(Serdes.ByteArray())
                    .withNumberOfPartitions(1))
            .process(
                () -> new UnitJudge(context, serdes.unit().deserializer(), topics.units(), LOG),
                Named.as("judge-units"),
                UnitJudge.ACCEPTED,
                UnitJudge.WAITING);
    final Map<String, KStream<byte[], Judged>> routes =
        units
            .split(Named.as("judge-units-"))
            .branch((key, judged) -> judged.valid(), Branched.as("valid"))
            .defaultBranch(Branched.as("rejected"));
    routes
        .get("judge-units-valid")
        .mapValues(Judged::value, Named.as("judge-units-valid-bytes"))
        .to(
            topics.unitsStoreSource(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("judge-units-valid-sink"));
    routes
        .get("judge-units-rejected")
        .mapValues(Judged::value, Named.as("judge-units-rejected-bytes"))
        .to(
            topics.deadLetters(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("judge-units-dead-letters"));
    return builder.build();
  }

  /**
   * The judge client's properties: the app's, under its own application id (and client id, if one
   * is set) and with one stream thread.
   */
  public static Properties properties(final Properties app) {
    final Properties audit = new Properties();
    audit.putAll(app);
    audit.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        app.get(StreamsConfig.APPLICATION_ID_CONFIG) + APPLICATION_ID_SUFFIX);
    if (app.get(StreamsConfig.CLIENT_ID_CONFIG) != null) {
      audit.put(
          StreamsConfig.CLIENT_ID_CONFIG,
          app.get(StreamsConfig.CLIENT_ID_CONFIG) + APPLICATION_ID_SUFFIX);
    }
    audit.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    return audit;
  }

  /**
   * The records of {@code topic} {@link ReferenceCheck} accepts (with their source position in
   * headers if {@code carrySource}, for a later dead letter); the others set aside.
   */
  private static <V> KStream<byte[], byte[]> checked(
      final StreamsBuilder builder,
      final TopologyContext context,
      final String name,
      final String topic,
      final ReferenceCheck<V> check,
      final boolean carrySource) {
    final Map<String, KStream<byte[], Judged>> routes =
        builder.stream(
                topic,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                    .withTimestampExtractor(new WallclockTimestampExtractor())
                    .withName("audit-" + name + "-source"))
            .process(
                () -> new CheckProcessor<>(context, check, carrySource), Named.as("audit-" + name))
            .split(Named.as("audit-" + name + "-"))
            .branch((key, judged) -> judged.valid(), Branched.as("valid"))
            .defaultBranch(Branched.as("rejected"));
    routes
        .get("audit-" + name + "-rejected")
        .mapValues(Judged::value, Named.as("audit-" + name + "-rejected-bytes"))
        .to(
            context.topics().deadLetters(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("audit-" + name + "-dead-letters"));
    return routes
        .get("audit-" + name + "-valid")
        .mapValues(Judged::value, Named.as("audit-" + name + "-valid-bytes"));
  }

  /**
   * What a processor of the judge decided for one record: its bytes for the valid topic, or for the
   * dead letters (its headers then say why). Lives only between a processor and the split that
   * routes it; never serialized.
   */
  record Judged(byte[] value, boolean valid) {}

  /** The dead letter's headers: the input's, less the judge's own, then the reason's. */
  static Headers deadLetterHeaders(
      final Headers input,
      final Rejection rejection,
      final String exception,
      final String topic,
      final int partition,
      final long offset) {
    final Headers headers = new RecordHeaders(input.toArray());
    headers.remove(SOURCE_TOPIC);
    headers.remove(SOURCE_PARTITION);
    headers.remove(SOURCE_OFFSET);
    final Map<String, String> ours =
        DeadLetterHeaders.forRejection(rejection, topic, partition, offset);
    for (final Map.Entry<String, String> header : ours.entrySet()) {
      final String value =
          header.getKey().equals(DeadLetterHeaders.EXCEPTION) && exception != null
              ? exception
              : header.getValue();
      headers.remove(header.getKey());
      headers.add(header.getKey(), value.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  /** Passes on what the check accepts, with its source position; sets aside what it rejects. */
  private static final class CheckProcessor<V>
      implements Processor<byte[], byte[], byte[], Judged> {

    private final TopologyContext topology;
    private final ReferenceCheck<V> check;
    private final boolean carrySource;
    private ProcessorContext<byte[], Judged> context;

    CheckProcessor(
        final TopologyContext topology, final ReferenceCheck<V> check, final boolean carrySource) {
      this.topology = topology;
      this.check = check;
      this.carrySource = carrySource;
    }

    @Override
    public void init(final ProcessorContext<byte[], Judged> context) {
      this.context = context;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
      final RecordMetadata source = context.recordMetadata().orElseThrow();
      final ReferenceCheck.Verdict<V> verdict =
          check.check(source.topic(), record.key(), record.value());
      if (verdict.accepted() && !carrySource) {
        context.forward(record.withValue(new Judged(record.value(), true)));
        return;
      }
      if (verdict.accepted()) {
        final Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(SOURCE_TOPIC);
        headers.remove(SOURCE_PARTITION);
        headers.remove(SOURCE_OFFSET);
        headers.add(SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
            SOURCE_PARTITION,
            Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue(new Judged(record.value(), true)).withHeaders(headers));
        return;
      }
      // Reference data holds no personal data, but the detail names fields only anyway.
      LOG.warn(
          "Reference record set aside as a dead letter: topic {} partition {} offset {}: {}: {}",
          source.topic(),
          source.partition(),
          source.offset(),
          verdict.rejection().reason(),
          verdict.rejection().detail());
      topology.events().count(source.topic(), Outcome.DEAD_LETTER);
      context.forward(
          new Record<>(
              record.key(),
              new Judged(record.value(), false),
              topology.clock().millis(),
              deadLetterHeaders(
                  record.headers(),
                  verdict.rejection(),
                  verdict.cause() == null ? null : verdict.cause().getClass().getName(),
                  source.topic(),
                  source.partition(),
                  source.offset())));
    }
  }
}
