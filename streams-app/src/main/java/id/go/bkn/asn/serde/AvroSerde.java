package id.go.bkn.asn.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * An {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka {@link Serde}, for Kafka
 * Streams. Build it through {@link AvroSerdes}; configured by class name it reads Confluent's keys.
 *
 * @param <T> the record type
 */
public final class AvroSerde<T> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  /** For Kafka's instantiation by class name (e.g. {@code default.value.serde}). */
  public AvroSerde() {
    this(new AvroSerializer<>(), new AvroDeserializer<>());
  }

  public AvroSerde(final AvroSerializer<T> serializer, final AvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public AvroSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public AvroDeserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
