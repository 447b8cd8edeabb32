package id.go.bkn.asn.topology;

import id.go.bkn.asn.function.DeadLetterHeaders;
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
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference audit: sets the records of {@code reference.units} and {@code reference.programs}
 * that the global stores skip aside in {@code training.dead-letters}, with their reason.
 *
 * <p>Kafka Streams 4.4 cannot write dead letters from the global thread that keeps the global
 * stores, and refuses a topic that is both a global-store source and a stream source of one
 * topology. So the app runs this small topology in a second Kafka Streams client of its own, under
 * {@code <application.id>}{@value #APPLICATION_ID_SUFFIX}: one stream thread, the same processing
 * guarantee and exception handlers, no state store and no internal topic. It reads the raw
 * reference topics and asks the same {@link ReferenceCheck} as the global stores' {@link
 * GlobalStoreUpdater}, so what a store skips is exactly what is set aside; under exactly_once_v2
 * each bad record is set aside once, as its offset commits with the dead letter. A dead letter
 * keeps the original key and bytes and the input's headers, and carries {@code asn.dlq.reason},
 * {@code __streams.errors.exception} (the decoding exception's class, or the validation's), {@code
 * __streams.errors.message} (field names and the exception's message only), and the source topic,
 * partition and offset; it is stamped with the time it is set aside (docs/design/time.md). Valid
 * records produce nothing; a tombstone is set aside like any bad record. Records are read by
 * wall-clock time: their order matters to nobody here.
 */
public final class ReferenceAuditTopology {

  /** Appended to the app's application id for the audit client's id (consumer group, etc.). */
  public static final String APPLICATION_ID_SUFFIX = "-reference-audit";

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceAuditTopology.class);

  private ReferenceAuditTopology() {}

  /** The audit topology, built under the audit client's config (explicit naming enforced). */
  public static Topology build(final TopologyContext context, final TopologyConfig config) {
    final StreamsBuilder builder = new StreamsBuilder(config);
    final TopologySerdes serdes = context.serdes();
    audit(
        builder,
        context,
        "units",
        context.topics().units(),
        ReferenceCheck.units(serdes.unit().deserializer()));
    audit(
        builder,
        context,
        "programs",
        context.topics().programs(),
        ReferenceCheck.programs(serdes.program().deserializer()));
    return builder.build();
  }

  /**
   * The audit client's properties: the app's, under its own application id (and client id, if one
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

  private static <V> void audit(
      final StreamsBuilder builder,
      final TopologyContext context,
      final String name,
      final String topic,
      final ReferenceCheck<V> check) {
    builder.stream(
            topic,
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withTimestampExtractor(new WallclockTimestampExtractor())
                .withName("audit-" + name + "-source"))
        .process(() -> new AuditProcessor<>(context, check), Named.as("audit-" + name))
        .to(
            context.topics().deadLetters(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("audit-" + name + "-dead-letters"));
  }

  /** Forwards a dead letter for each record the check rejects. */
  private static final class AuditProcessor<V>
      implements Processor<byte[], byte[], byte[], byte[]> {

    private final TopologyContext topology;
    private final ReferenceCheck<V> check;
    private ProcessorContext<byte[], byte[]> context;

    AuditProcessor(final TopologyContext topology, final ReferenceCheck<V> check) {
      this.topology = topology;
      this.check = check;
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
      final RecordMetadata source = context.recordMetadata().orElseThrow();
      final ReferenceCheck.Verdict<V> verdict =
          check.check(source.topic(), record.key(), record.value());
      if (verdict.accepted()) {
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
              record.value(),
              topology.clock().millis(),
              headers(record.headers(), verdict, source)));
    }

    private static Headers headers(
        final Headers input, final ReferenceCheck.Verdict<?> verdict, final RecordMetadata at) {
      final Headers headers = new RecordHeaders(input.toArray());
      final Map<String, String> ours =
          DeadLetterHeaders.forRejection(
              verdict.rejection(), at.topic(), at.partition(), at.offset());
      for (final Map.Entry<String, String> header : ours.entrySet()) {
        final String value =
            header.getKey().equals(DeadLetterHeaders.EXCEPTION) && verdict.cause() != null
                ? verdict.cause().getClass().getName()
                : header.getValue();
        headers.remove(header.getKey());
        headers.add(header.getKey(), value.getBytes(StandardCharsets.UTF_8));
      }
      return headers;
    }
  }
}
