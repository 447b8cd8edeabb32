package id.go.bkn.asn.app;

import id.go.bkn.asn.importer.JsonlImporter;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.topics.ContractTopic;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline import --topic T FILE.jsonl}: JSON lines into a reference or training topic as
 * Avro in the Confluent wire format. The file is checked whole before anything is written, and the
 * records are written in one transaction, so a failure half-way leaves nothing behind for
 * read-committed consumers such as the streams app.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Write JSON lines into a reference.* or training.* topic as Avro.",
      "Field names are those of the schemas. The whole file is checked first:",
      "a bad line stops the import with its number and the reason,",
      "and then nothing is written."
    })
final class ImportCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Option(
      names = "--topic",
      required = true,
      paramLabel = "TOPIC",
      description = "The topic, e.g. training.attendance or reference.employees.")
  String topicName;

  @Parameters(paramLabel = "FILE.jsonl", description = "One JSON object per line.")
  Path file;

  private final Environment environment;

  ImportCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final ContractTopic topic =
        ContractTopic.byName(topicName)
            .orElseThrow(
                () ->
                    new UserError(
                        "Unknown topic '"
                            + topicName
                            + "': import writes reference.* and training.*"
                            + " topics of the contract"));
    final JsonlImporter importer;
    try {
      importer = new JsonlImporter(topic);
    } catch (final JsonlImporter.BadImportFile e) {
      throw new UserError(e.getMessage(), e);
    }
    final int lines = check(importer);

    final Map<String, Object> registryConfig = new HashMap<>(environment.registryProperties());
    registryConfig.put(RegistryClientConfig.URL, connection.schemaRegistryUrl);
    final Map<String, Object> producerConfig =
        new HashMap<>(connection.kafka(environment).clientConfig());
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "asn-import-" + UUID.randomUUID());
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);

    final int written;
    try (SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.fromMap(registryConfig));
        KafkaProducer<String, GenericRecord> producer =
            new KafkaProducer<>(
                producerConfig, new StringSerializer(), new AvroSerializer<>(registry))) {
      written =
          ClusterErrors.explain(
              connection.bootstrapServers, () -> writeAll(importer, topic, producer));
    }
    spec.commandLine()
        .getOut()
        .printf("Imported %d of %d records into %s%n", written, lines, topic.topicName());
    return 0;
  }

  private int writeAll(
      final JsonlImporter importer,
      final ContractTopic topic,
      final KafkaProducer<String, GenericRecord> producer) {
    producer.initTransactions();
    producer.beginTransaction();
    try {
      final int count =
          importer.importFile(
              file,
              (key, value) -> producer.send(new ProducerRecord<>(topic.topicName(), key, value)));
      producer.commitTransaction();
      return count;
    } catch (final SerializationException e) {
      producer.abortTransaction();
      throw new UserError(
          "Cannot write Avro through the schema registry at "
              + connection.schemaRegistryUrl
              + ": "
              + e.getMessage(),
          e);
    } catch (final JsonlImporter.BadImportFile e) {
      producer.abortTransaction();
      throw new UserError(e.getMessage(), e);
    }
  }

  private int check(final JsonlImporter importer) {
    try {
      return importer.check(file);
    } catch (final JsonlImporter.BadImportFile e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
