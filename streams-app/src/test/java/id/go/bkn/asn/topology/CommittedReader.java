package id.go.bkn.asn.topology;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every committed record of a topic: read from the beginning now ({@link PipelineItFixture#atEnd}),
 * which on a compacted topic is what the cleaner left, or as a consumer keeping up saw them ({@link
 * CommittedTail}).
 */
interface CommittedReader {
  <T> List<ConsumerRecord<String, T>> read(String topic, Deserializer<T> values);
}
