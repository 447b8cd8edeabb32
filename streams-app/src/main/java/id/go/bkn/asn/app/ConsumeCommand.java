package id.go.bkn.asn.app;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.topics.ContractTopic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline consume --topic T}: prints what is on a topic, Avro decoded through the
 * registry as JSON, one record a line after its key; for the dead-letter and late-event topics, the
 * headers that say why instead of the bytes. For looking, not for integration: data teams use a
 * Kafka client with a Confluent-format deserializer.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = "Print the records of a topic, decoded, one a line (key, then JSON).")
final class ConsumeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic.")
  String topicName;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "100",
      description = "Print at most N records (default ${DEFAULT-VALUE}).")
  int max;

  @Option(
      names = "--grep",
      paramLabel = "TEXT",
      description = "Only records whose key or JSON contains TEXT (e.g. FINAL, DINKES).")
  String grep;

  private final Environment environment;

  ConsumeCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final ContractTopic topic =
        ContractTopic.byName(topicName)
            .orElseThrow(() -> new UserError("Unknown topic '" + topicName + "'"));
    if (max < 1) {
      throw new UserError("--max must be at least 1, got " + max);
    }
    final Map<String, Object> registryConfig = new HashMap<>(environment.registryProperties());
    registryConfig.put(RegistryClientConfig.URL, connection.schemaRegistryUrl);
    final Map<String, Object> consumerConfig =
        new HashMap<>(connection.kafka(environment).clientConfig());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-consume-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final PrintWriter out = spec.commandLine().getOut();
    try (SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.fromMap(registryConfig));
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      final AvroDeserializer<GenericRecord> values = AvroDeserializer.generic(registry);
      ClusterErrors.explain(
          connection.bootstrapServers,
          () -> {
            print(consumer, topic, values, out);
            return null;
          });
    }
    return 0;
  }

  private void print(
      final KafkaConsumer<String, byte[]> consumer,
      final ContractTopic topic,
      final AvroDeserializer<GenericRecord> values,
      final PrintWriter out) {
    final List<TopicPartition> partitions =
        consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(15)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    int printed = 0;
    while (printed < max && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        final String line = record.key() + "\t" + render(topic, record, values);
        if (printed < max && (grep == null || line.contains(grep))) {
          out.println(line);
          printed++;
        }
      }
    }
    out.flush();
  }

  private static String render(
      final ContractTopic topic,
      final ConsumerRecord<String, byte[]> record,
      final AvroDeserializer<GenericRecord> values) {
    if (topic.valueType().isEmpty()) {
      // Set-aside topics keep the original bytes: show why, not the (personal) payload.
      final StringBuilder why = new StringBuilder("{");
      for (final Header h : record.headers()) {
        if (!h.key().contains("stacktrace")) {
          why.append('"').append(h.key()).append("\": \"");
          why.append(new String(h.value(), StandardCharsets.UTF_8).replace("\"", "'"));
          why.append("\", ");
        }
      }
      return why.append("\"bytes\": ")
          .append(record.value() == null ? 0 : record.value().length)
          .append('}')
          .toString();
    }
    return String.valueOf(values.deserialize(record.topic(), record.headers(), record.value()));
  }
}
