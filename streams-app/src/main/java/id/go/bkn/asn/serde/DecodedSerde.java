package id.go.bkn.asn.serde;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a value with an inner deserializer and keeps its original bytes beside it ({@link
 * Decoded}); writing gives back the original bytes. A value that does not decode still throws, so
 * Kafka Streams' deserialization handler (and its dead-letter queue) sees it.
 *
 * @param <T> the record type
 */
public final class DecodedSerde<T> implements Serde<Decoded<T>> {

  private final Deserializer<T> inner;

  public DecodedSerde(final Deserializer<T> inner) {
    this.inner = inner;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public Serializer<Decoded<T>> serializer() {
    return (topic, decoded) -> decoded == null ? null : decoded.original();
  }

  @Override
  public Deserializer<Decoded<T>> deserializer() {
    return new Deserializer<>() {
      @Override
      public Decoded<T> deserialize(final String topic, final byte[] data) {
        return deserialize(topic, null, data);
      }

      @Override
      public Decoded<T> deserialize(final String topic, final Headers headers, final byte[] data) {
        if (data == null) {
          return null;
        }
        final T value =
            headers == null
                ? inner.deserialize(topic, data)
                : inner.deserialize(topic, headers, data);
        return value == null ? null : new Decoded<>(value, data);
      }
    };
  }

  @Override
  public void close() {
    inner.close();
  }
}
