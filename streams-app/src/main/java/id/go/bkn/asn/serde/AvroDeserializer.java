package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A Kafka {@link Deserializer} reading the Confluent wire format: the writer schema is fetched by
 * the record's schema id and resolved against the reader schema with Avro's rules, so records
 * written with an older or newer compatible schema read fine. The reader is a generated {@link
 * SpecificRecord} class, or for {@link GenericRecord}s a given schema or the writer's own. One
 * datum reader is built per writer id and reused, so a record costs no registry call and no schema
 * resolution. A null payload (tombstone) reads as null; bytes that cannot be read raise a {@link
 * SerializationException} naming the topic and the cause.
 *
 * @param <T> the record type
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private boolean ownsClient;
  private Class<?> specificType;
  private Schema readerSchema;
  private boolean specificReader;

  /** For Kafka's instantiation by class name; {@link #configure} must follow. */
  public AvroDeserializer() {}

  /** Reads into a generated class, whatever compatible schema the record was written with. */
  public AvroDeserializer(final SchemaRegistryClient client, final Class<T> specificType) {
    this.client = client;
    this.specificType = specificType;
    AvroClassTrust.trustPackageOf(specificType);
  }

  private AvroDeserializer(final SchemaRegistryClient client, final Schema readerSchema) {
    this.client = client;
    this.readerSchema = readerSchema;
  }

  /** Reads {@link GenericRecord}s with the writer's own schema. */
  public static AvroDeserializer<GenericRecord> generic(final SchemaRegistryClient client) {
    return new AvroDeserializer<>(client, (Schema) null);
  }

  /** Reads {@link GenericRecord}s resolved to the given reader schema. */
  public static AvroDeserializer<GenericRecord> generic(
      final SchemaRegistryClient client, final Schema readerSchema) {
    return new AvroDeserializer<>(client, readerSchema);
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final AvroSerdeConfig options = AvroSerdeConfig.fromMap(configs);
    final String typeName = isKey ? options.specificKeyType() : options.specificValueType();
    if (typeName != null && specificType == null) {
      specificType = loadSpecificClass(typeName, isKey);
    }
    specificReader = options.specificReader();
    if (client == null) {
      client = SchemaRegistryClients.create(RegistryClientConfig.fromMap(configs));
      ownsClient = true;
    }
    readers.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(final String topic, final byte[] data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new SerializationException(
          "AvroDeserializer for topic " + topic + " has no registry: call configure() first");
    }
    final int id = ConfluentWireFormat.schemaId(data, topic);
    DatumReader<Object> reader = readers.get(id);
    if (reader == null) {
      reader = readers.computeIfAbsent(id, i -> createReader(topic, i));
    }
    final BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                data,
                ConfluentWireFormat.HEADER_SIZE,
                data.length - ConfluentWireFormat.HEADER_SIZE,
                null);
    try {
      final Object record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Corrupt Avro payload in record of topic "
                + topic
                + " (schema id "
                + id
                + "): bytes left over after the record");
      }
      return (T) record;
    } catch (final IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      // Avro reports a payload cut short as EOFException, and garbage as bad lengths, union or
      // enum indexes out of range, or invalid UTF-8.
      throw new SerializationException(
          "Truncated or corrupt Avro payload in record of topic "
              + topic
              + " (schema id "
              + id
              + ", "
              + data.length
              + " bytes): "
              + e,
          e);
    }
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }

  private DatumReader<Object> createReader(final String topic, final int id) {
    final Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (final SchemaRegistryException e) {
      throw RegistryFailures.wrap(e, "fetching schema id " + id, topic);
    }
    final Class<?> type = specificType != null ? specificType : writerClass(writer, topic);
    final Schema reader =
        type != null
            ? SpecificData.get().getSchema(type)
            : readerSchema != null ? readerSchema : writer;
    final SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new SerializationException(
          "Record of topic "
              + topic
              + " was written with schema id "
              + id
              + " ("
              + writer.getFullName()
              + "), which cannot be read as "
              + reader.getFullName()
              + ": "
              + compatibility.getDescription());
    }
    return castReader(
        type != null
            ? new SpecificDatumReader<>(writer, reader)
            : new GenericDatumReader<>(writer, reader, GenericData.get()));
  }

  @SuppressWarnings("unchecked")
  private static DatumReader<Object> castReader(final DatumReader<?> reader) {
    return (DatumReader<Object>) reader;
  }

  private Class<?> writerClass(final Schema writer, final String topic) {
    if (!specificReader) {
      return null;
    }
    final Class<?> type;
    try {
      type = SpecificData.get().getClass(writer);
    } catch (final SecurityException e) {
      throw new SerializationException(
          "specific.avro.reader is true but Avro does not trust class "
              + writer.getFullName()
              + " (topic "
              + topic
              + "): trust its package with AvroClassTrust or set specific.avro.value.type",
          e);
    }
    if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
      throw new SerializationException(
          "specific.avro.reader is true but no generated class "
              + writer.getFullName()
              + " is on the classpath (topic "
              + topic
              + ")");
    }
    return type;
  }

  private static Class<?> loadSpecificClass(final String name, final boolean isKey) {
    final String key =
        isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
    try {
      final Class<?> type = Class.forName(name, true, Utils.getContextOrKafkaClassLoader());
      if (!SpecificRecord.class.isAssignableFrom(type)) {
        throw new ConfigException(key, name, "is not a generated Avro SpecificRecord class");
      }
      AvroClassTrust.trustPackageOf(type);
      return type;
    } catch (final ClassNotFoundException e) {
      throw new ConfigException(key, name, "class not found");
    }
  }
}
