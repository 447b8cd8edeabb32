package id.go.bkn.asn.topology.tree;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for the tree stage's small state values: one format byte, then the fields written by a
 * codec with {@link DataOutputStream}. The stores are the app's own (nobody else reads their
 * changelogs), so a registry would buy nothing; the format byte leaves room for a later change.
 *
 * @param <T> the state value type
 */
public final class StateSerde<T> implements Serde<T> {

  private static final byte FORMAT = 1;

  /** Writes a value's fields. */
  @FunctionalInterface
  public interface Writer<T> {
    /** Writes the value. */
    void write(T value, DataOutputStream out) throws IOException;
  }

  /** Reads what the matching writer wrote. */
  @FunctionalInterface
  public interface Reader<T> {
    /** Reads a value. */
    T read(DataInputStream in) throws IOException;
  }

  private final String name;
  private final Writer<T> writer;
  private final Reader<T> reader;

  /** A serde of the named type from its codec. */
  public StateSerde(final String name, final Writer<T> writer, final Reader<T> reader) {
    this.name = name;
    this.writer = writer;
    this.reader = reader;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : read(data);
  }

  private byte[] write(final T value) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(value, out);
    } catch (final IOException e) {
      throw new SerializationException("Cannot encode " + name, e);
    }
    return bytes.toByteArray();
  }

  private T read(final byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      final byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown format " + format + " of " + name);
      }
      return reader.read(in);
    } catch (final IOException e) {
      throw new SerializationException("Cannot decode " + name, e);
    }
  }

  /** Writes a nullable string. */
  static void writeNullable(final DataOutputStream out, final String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  /** Reads a nullable string. */
  static String readNullable(final DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
