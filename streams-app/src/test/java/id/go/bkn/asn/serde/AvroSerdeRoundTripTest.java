package id.go.bkn.asn.serde;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.registry.HttpSchemaRegistryClient;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import id.go.bkn.asn.registry.server.SchemaRegistryServer;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topics.ContractTopic;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {
  private static final String SCOPE = "round-trip-test";
  private static SchemaRegistryServer server;
  private static SchemaRegistryClient httpClient;

  @BeforeAll
  static void startServer() {
    server = SchemaRegistryServer.start("127.0.0.1", 0, SchemaRegistryStore.inMemory());
    httpClient = new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url()));
  }

  @AfterAll
  static void stopServer() {
    httpClient.close();
    server.close();
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(SCOPE);
  }

  static Stream<SpecificRecord> records() {
    return SampleRecords.all().stream();
  }

  @Test
  void shouldCoverEveryContractRecordTypeWhenListingSamples() {
    // given every value type of the contract's topics
    final long contractTypes =
        Arrays.stream(ContractTopic.values())
            .flatMap(t -> t.valueType().stream())
            .distinct()
            .count();

    // then the samples hold each of them
    assertThat(SampleRecords.all().stream().map(Object::getClass).distinct()).hasSize(11);
    assertThat(contractTypes).isEqualTo(11);
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldReadBackEqualRecordWhenRoundTrippedThroughMockRegistry(final SpecificRecord record) {
    // given a serde on a mock:// scope
    final Serde<SpecificRecord> serde = serdeFor(record, MockSchemaRegistry.client(SCOPE));

    // when
    final byte[] bytes = serde.serializer().serialize(topicOf(record), record);
    final SpecificRecord read = serde.deserializer().deserialize(topicOf(record), bytes);

    // then
    assertThat(bytes[0]).isZero();
    assertThat(read).isEqualTo(record).isInstanceOf(record.getClass());
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldReadBackEqualRecordWhenRoundTrippedThroughEmbeddedServer(final SpecificRecord record) {
    // given a serde on the embedded registry over HTTP
    final Serde<SpecificRecord> serde = serdeFor(record, httpClient);

    // when
    final byte[] bytes = serde.serializer().serialize(topicOf(record), record);
    final SpecificRecord read = serde.deserializer().deserialize(topicOf(record), bytes);

    // then the record survives and its subject is the topic-name strategy's
    assertThat(read).isEqualTo(record);
    assertThat(server.store().subjects()).contains(topicOf(record) + "-value");
  }

  @Test
  void shouldConfigureByClassNameWhenGivenConfluentKeys() {
    // given serializer and deserializer built as Kafka does, from class names and configs
    final Map<String, Object> configs =
        Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", "true");
    try (AvroSerializer<Object> serializer = new AvroSerializer<>();
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
      serializer.configure(configs, false);
      deserializer.configure(configs, false);

      // when
      final byte[] bytes = serializer.serialize("training.feedback", SampleRecords.feedbackNamed());
      final Object read = deserializer.deserialize("training.feedback", bytes);

      // then
      assertThat(read).isEqualTo(SampleRecords.feedbackNamed());
      assertThat(MockSchemaRegistry.client(SCOPE).subjects())
          .containsExactly("training.feedback-value");
    }
  }

  @Test
  void shouldReadGenericRecordWhenWrittenAsSpecific() {
    // given
    final SchemaRegistryClient client = MockSchemaRegistry.client(SCOPE);
    final Serde<FeedbackEvent> specific = AvroSerdes.specific(FeedbackEvent.class, client);
    final Serde<GenericRecord> generic = AvroSerdes.generic(client);
    final byte[] bytes =
        specific.serializer().serialize("training.feedback", SampleRecords.feedbackAnonymous());

    // when
    final GenericRecord read = generic.deserializer().deserialize("training.feedback", bytes);

    // then: plain Avro values, as a tool without the generated classes sees them
    assertThat(read.get("eventId")).hasToString("fb-0001");
    assertThat(read.get("employeeId")).isNull();
    assertThat(read.get("overall")).isEqualTo(4);
    assertThat(read.get("occurredAt")).isEqualTo(SampleRecords.SESSION.toEpochMilli());
  }

  @Test
  void shouldReadSpecificRecordWhenWrittenAsGenericWithSameSchema() {
    // given a GenericRecord built from the .avsc-equivalent schema, as a JSON importer would
    final SchemaRegistryClient client = MockSchemaRegistry.client(SCOPE);
    final GenericRecord unit = new GenericData.Record(SampleRecords.workUnitLeaf().getSchema());
    unit.put("unitId", "KEL-SERANG-CIPARE");
    unit.put("name", "Kelurahan Cipare");
    unit.put("kind", "KELURAHAN");
    unit.put("parentUnitId", "KEC-SERANG");
    unit.put("active", false);
    final Serializer<GenericRecord> serializer = AvroSerdes.generic(client).serializer();

    // when
    final byte[] bytes = serializer.serialize("reference.units", unit);
    final Object read =
        AvroSerdes.specific(WorkUnit.class, client)
            .deserializer()
            .deserialize("reference.units", bytes);

    // then
    assertThat(read).isEqualTo(SampleRecords.workUnitLeaf());
  }

  @Test
  void shouldReturnNullWhenPayloadIsTombstone() {
    // given
    final Serde<FeedbackEvent> serde =
        AvroSerdes.specific(FeedbackEvent.class, MockSchemaRegistry.client(SCOPE));

    // then
    assertThat(serde.deserializer().deserialize("training.feedback", null)).isNull();
    assertThat(serde.serializer().serialize("training.feedback", null)).isNull();
  }

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> serdeFor(
      final SpecificRecord record, final SchemaRegistryClient client) {
    final Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
    return AvroSerdes.specific(type, client);
  }

  private static String topicOf(final SpecificRecord record) {
    return Arrays.stream(ContractTopic.values())
        .filter(t -> t.valueType().filter(record.getClass()::equals).isPresent())
        .findFirst()
        .orElseThrow()
        .topicName();
  }
}
