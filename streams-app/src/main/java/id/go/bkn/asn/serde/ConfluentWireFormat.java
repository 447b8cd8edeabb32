package id.go.bkn.asn.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format of a Kafka record value: byte 0 is the magic byte 0, bytes 1-4 the
 * registry's schema id as a big-endian int, then the Avro binary encoding of the record. Written by
 * hand because the only library that implements it is Confluent's own serializer ({@code
 * io.confluent:kafka-avro-serializer}), which is not on Maven Central; the format is small and
 * fixed, and a test pins the bytes against the specification.
 */
public final class ConfluentWireFormat {
  /** The first byte of every record in the format; any other value is not this format. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus the 4-byte schema id. */
  public static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  /** Writes the magic byte and the schema id, the header of a record. */
  public static void writeHeader(final ByteArrayOutputStream out, final int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /** The header followed by the Avro payload, as one record value. */
  public static byte[] frame(final int schemaId, final byte[] avroPayload) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_SIZE + avroPayload.length);
    writeHeader(out, schemaId);
    out.writeBytes(avroPayload);
    return out.toByteArray();
  }

  /**
   * The schema id of a framed record, after checking its header.
   *
   * @throws SerializationException naming the topic when the record is shorter than the header or
   *     does not start with the magic byte
   */
  public static int schemaId(final byte[] data, final String topic) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException(
          "Record of topic "
              + topic
              + " is "
              + data.length
              + " byte(s) long, shorter than the "
              + HEADER_SIZE
              + "-byte header of the Confluent wire format (magic byte 0 + 4-byte schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Unknown magic byte 0x%02x in record of topic %s: the Confluent wire format starts"
                  + " with 0x00 (not Avro in the Confluent format, e.g. JSON or plain Avro?)",
              data[0] & 0xff, topic));
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }
}
