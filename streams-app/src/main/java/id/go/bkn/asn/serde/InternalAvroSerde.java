package id.go.bkn.asn.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro binary for the app's own internal topics and stores: one format byte, then the record,
 * without a registry (nobody else reads these topics, and a registry call on the hot path of a
 * repartition would buy nothing). The format byte leaves room for a later change of encoding.
 *
 * @param <T> the generated record type
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private static final byte FORMAT = 1;

  private final Schema schema;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  public InternalAvroSerde(final Class<T> type) {
    AvroClassTrust.trustPackageOf(type);
    this.schema = SpecificData.get().getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema);
    this.reader = new SpecificDatumReader<>(schema);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : read(topic, data);
  }

  private byte[] write(final T value) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(FORMAT);
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      synchronized (writer) {
        writer.write(value, encoder);
      }
      encoder.flush();
    } catch (final IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + schema.getName() + ": " + e, e);
    }
    return out.toByteArray();
  }

  private T read(final String topic, final byte[] data) {
    if (data.length < 1 || data[0] != FORMAT) {
      throw new SerializationException(
          "Internal record of "
              + topic
              + " has unknown format byte "
              + (data.length > 0 ? data[0] : -1));
    }
    final BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(data, 1, data.length - 1, null);
    try {
      synchronized (reader) {
        return reader.read(null, decoder);
      }
    } catch (final IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot decode internal " + schema.getName() + " of " + topic + ": " + e, e);
    }
  }
}
