package id.go.bkn.asn.bench;

import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.topology.TopicNames;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The bench's baselines B3 and B4: Kafka Streams apps that read the three event topics and write
 * every record unchanged to an output topic of their own, as bytes (B3) or decoded and encoded
 * again with the project's Confluent-format Avro serde (B4). What the full topology costs beyond
 * them is the pipeline's own work.
 */
final class PassThrough {

  private PassThrough() {}

  /** B3: bytes in, bytes out; {@code outputs} maps each input topic to its output. */
  static Topology bytes(final Map<String, String> outputs) {
    final StreamsBuilder builder = new StreamsBuilder();
    int i = 0;
    for (final Map.Entry<String, String> topic : outputs.entrySet()) {
      builder.stream(
              topic.getKey(),
              Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in-" + i))
          .to(
              topic.getValue(),
              Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out-" + i));
      i++;
    }
    return builder.build();
  }

  /** B4: each event decoded to its generated class and encoded again. */
  static Topology avro(
      final TopicNames topics,
      final Map<String, String> outputs,
      final SchemaRegistryClient registry) {
    final StreamsBuilder builder = new StreamsBuilder();
    pipe(
        builder,
        topics.enrollments(),
        outputs,
        AvroSerdes.specific(EnrollmentEvent.class, registry));
    pipe(
        builder,
        topics.attendance(),
        outputs,
        AvroSerdes.specific(AttendanceEvent.class, registry));
    pipe(builder, topics.feedback(), outputs, AvroSerdes.specific(FeedbackEvent.class, registry));
    return builder.build();
  }

  private static <T extends SpecificRecord> void pipe(
      final StreamsBuilder builder,
      final String topic,
      final Map<String, String> outputs,
      final Serde<T> serde) {
    builder.stream(topic, Consumed.with(Serdes.String(), serde).withName("in-" + topic))
        .to(outputs.get(topic), Produced.with(Serdes.String(), serde).withName("out-" + topic));
  }
}
