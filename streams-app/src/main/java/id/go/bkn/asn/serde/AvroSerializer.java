package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.registry.SchemaRegistryException;
import id.go.bkn.asn.registry.SubjectVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka {@link Serializer} writing Avro records (generated {@link SpecificRecord} classes or
 * {@link org.apache.avro.generic.GenericRecord}s) in the Confluent wire format, under the
 * topic-name subject ({@code <topic>-value}, or {@code <topic>-key} for keys). The schema id of
 * each (topic, schema) is resolved once (registered, looked up, or the subject's latest version)
 * and cached with its datum writer, so a record costs no registry call. Build it with a client, or
 * by class name with Confluent's config keys ({@code schema.registry.url}, {@code
 * auto.register.schemas}, {@code use.latest.version}).
 *
 * @param <T> the record type
 */
public final class AvroSerializer<T> implements Serializer<T> {
  private static final Logger LOG = LoggerFactory.getLogger(AvroSerializer.class);

  /** What a (topic, schema) resolves to: the id to frame with and the writer of that schema. */
  private record Target(int id, DatumWriter<Object> writer) {}

  private final Map<String, Map<Schema, Target>> targets = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private boolean ownsClient;
  private AvroSerdeConfig options;
  private boolean isKey;

  /** For Kafka's instantiation by class name; {@link #configure} must follow. */
  public AvroSerializer() {
    this.options = AvroSerdeConfig.defaults();
  }

  /** A value serializer on this client, registering schemas on first use. */
  public AvroSerializer(final SchemaRegistryClient client) {
    this(client, AvroSerdeConfig.defaults(), false);
  }

  /** A serializer on this client with these options; the client stays the caller's to close. */
  public AvroSerializer(
      final SchemaRegistryClient client, final AvroSerdeConfig options, final boolean isKey) {
    this.client = client;
    this.options = options;
    this.isKey = isKey;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    this.isKey = isKey;
    this.options = AvroSerdeConfig.fromMap(configs);
    if (client == null) {
      client = SchemaRegistryClients.create(RegistryClientConfig.fromMap(configs));
      ownsClient = true;
    }
    targets.clear();
  }

  @Override
  public byte[] serialize(final String topic, final T data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new SerializationException(
          "AvroSerializer for topic " + topic + " has no registry: call configure() first");
    }
    if (!(data instanceof GenericContainer container)) {
      throw new SerializationException(
          "AvroSerializer writes Avro records, not "
              + data.getClass().getName()
              + " (topic "
              + topic
              + ")");
    }
    final Schema schema = container.getSchema();
    final Target target =
        targets
            .computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
            .computeIfAbsent(schema, s -> resolve(topic, data));
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    ConfluentWireFormat.writeHeader(out, target.id());
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      target.writer().write(data, encoder);
      encoder.flush();
    } catch (final IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot write a "
              + schema.getFullName()
              + " as schema id "
              + target.id()
              + " for topic "
              + topic
              + ": "
              + e,
          e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }

  private Target resolve(final String topic, final Object data) {
    final boolean specific = data instanceof SpecificRecord;
    if (specific) {
      // The writer looks the generated class up by name through Avro's allow-list.
      AvroClassTrust.trustPackageOf(data.getClass());
    }
    final Schema schema = ((GenericContainer) data).getSchema();
    final String subject = topic + (isKey ? "-key" : "-value");
    final Schema registered =
        options.removeJavaProperties() ? JavaProperties.remove(schema) : schema;
    try {
      if (options.useLatestVersion()) {
        // As Confluent's serializer: write with the latest schema, for producers whose own schema
        // is an older, compatible one and that must not register.
        final SubjectVersion latest = client.latest(subject);
        LOG.debug("Writing {} with version {} (id {})", subject, latest.version(), latest.id());
        return new Target(latest.id(), writer(latest.schema(), specific));
      }
      final int id;
      if (options.autoRegister()) {
        id = client.register(subject, registered);
      } else {
        id =
            client
                .lookup(subject, registered)
                .orElseThrow(
                    () ->
                        new SerializationException(
                            "Schema "
                                + schema.getFullName()
                                + " is not registered under subject "
                                + subject
                                + " and auto.register.schemas is false (topic "
                                + topic
                                + ")"))
                .id();
      }
      LOG.debug("Writing {} of subject {} with schema id {}", schema.getFullName(), subject, id);
      return new Target(id, writer(schema, specific));
    } catch (final SchemaRegistryException e) {
      throw RegistryFailures.wrap(e, "resolving the schema id of " + schema.getFullName(), topic);
    }
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writer(final Schema schema, final boolean specific) {
    // The specific writer uses the generated class's own model, with its logical-type conversions
    // (Instant for timestamp-millis); generic records carry plain values.
    return specific
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema)
        : new GenericDatumWriter<>(schema, GenericData.get());
  }
}
