package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Builds the value serdes of the pipeline's topics on a shared registry client: one per generated
 * record class for the topologies, generic ones for tools (importer, inspectors). The client stays
 * the caller's to close.
 */
public final class AvroSerdes {
  private AvroSerdes() {}

  /** The value serde of a generated record class, registering its schema on first use. */
  public static <T extends SpecificRecord> Serde<T> specific(
      final Class<T> type, final SchemaRegistryClient client) {
    return specific(type, client, AvroSerdeConfig.defaults());
  }

  /** The value serde of a generated record class, with these options. */
  public static <T extends SpecificRecord> Serde<T> specific(
      final Class<T> type, final SchemaRegistryClient client, final AvroSerdeConfig options) {
    return new AvroSerde<>(
        new AvroSerializer<>(client, options, false), new AvroDeserializer<>(client, type));
  }

  /** A value serde of {@link GenericRecord}s, read with the writer's schema. */
  public static Serde<GenericRecord> generic(final SchemaRegistryClient client) {
    return new AvroSerde<>(new AvroSerializer<>(client), AvroDeserializer.generic(client));
  }

  /** A value serde of {@link GenericRecord}s, read resolved to the reader schema. */
  public static Serde<GenericRecord> generic(
      final SchemaRegistryClient client, final Schema readerSchema) {
    return new AvroSerde<>(
        new AvroSerializer<>(client), AvroDeserializer.generic(client, readerSchema));
  }
}
