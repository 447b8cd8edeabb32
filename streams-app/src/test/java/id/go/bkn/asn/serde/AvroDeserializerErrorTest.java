package id.go.bkn.asn.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.registry.HttpSchemaRegistryClient;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.WorkUnit;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad bytes and a missing registry give a clear SerializationException, never NPE or null. */
class AvroDeserializerErrorTest {
  private static final String SCOPE = "error-test";
  private static final String TOPIC = "training.attendance";

  private final SchemaRegistryClient client = MockSchemaRegistry.client(SCOPE);
  private final AvroDeserializer<AttendanceEvent> deserializer =
      new AvroDeserializer<>(client, AttendanceEvent.class);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(SCOPE);
  }

  @Test
  void shouldNameMagicByteWhenFirstByteIsNotZero() {
    // given JSON where Avro was expected
    final byte[] json = "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte 0x7b")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayTooShortWhenPayloadHasFewerThanFiveBytes() {
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 byte(s)")
        .hasMessageContaining("shorter than the 5-byte header")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayUnknownSchemaIdWhenRegistryHasNoSuchId() {
    // given a well-framed record whose id the registry never issued
    final byte[] bytes = ConfluentWireFormat.frame(9999, new byte[] {2, 65});

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema id")
        .hasMessageContaining("9999")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayTruncatedWhenPayloadIsCutShort() {
    // given a valid record cut in the middle
    final byte[] whole =
        new AvroSerializer<AttendanceEvent>(client).serialize(TOPIC, SampleRecords.attendance());
    final byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Truncated or corrupt Avro payload")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayCorruptWhenStringLengthIsImpossible() {
    // given a header, then a string claiming about 1 GiB (zigzag varint) with nothing behind it
    final int id = client.register(TOPIC + "-value", AttendanceEvent.getClassSchema());
    final byte[] bytes =
        ConfluentWireFormat.frame(id, new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0x0f});

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Truncated or corrupt Avro payload")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayCorruptWhenBytesAreLeftOver() {
    // given a valid record with garbage appended
    final byte[] whole =
        new AvroSerializer<AttendanceEvent>(client).serialize(TOPIC, SampleRecords.attendance());
    final byte[] longer = Arrays.copyOf(whole, whole.length + 3);

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("left over")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayCannotBeReadWhenWriterIsAnotherRecordType() {
    // given a WorkUnit where an AttendanceEvent was expected
    final byte[] unit =
        new AvroSerializer<WorkUnit>(client).serialize(TOPIC, SampleRecords.workUnitRoot());

    // then
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unit))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot be read as id.go.bkn.asn.schema.AttendanceEvent")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldSayUnreachableWhenRegistryPortIsClosed() throws IOException {
    // given a client of a port nobody listens on, with small timeouts and one retry
    final SchemaRegistryClient dead = new HttpSchemaRegistryClient(deadRegistry());
    final byte[] bytes = ConfluentWireFormat.frame(1, new byte[] {2, 65});

    // then both directions say so
    assertThatThrownBy(
            () -> new AvroDeserializer<>(dead, AttendanceEvent.class).deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema registry unreachable")
        .hasMessageContaining("2 attempt(s)")
        .hasMessageContaining(TOPIC);
    assertThatThrownBy(
            () ->
                new AvroSerializer<AttendanceEvent>(dead)
                    .serialize(TOPIC, SampleRecords.attendance()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema registry unreachable")
        .hasMessageContaining(TOPIC);
  }

  @Test
  void shouldRejectNonAvroObjectWhenSerializing() {
    // given a serializer used by mistake for plain strings
    final AvroSerializer<Object> serializer = new AvroSerializer<>(client);

    // then
    assertThatThrownBy(() -> serializer.serialize(TOPIC, "not a record"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void shouldRefuseUnregisteredSchemaWhenAutoRegisterIsOff() {
    // given
    final AvroSerializer<Object> serializer = new AvroSerializer<>(client);
    serializer.configure(
        Map.of("schema.registry.url", "mock://" + SCOPE, "auto.register.schemas", false), false);

    // then
    assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.attendance()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not registered under subject training.attendance-value");
    assertThat(client.subjects()).isEmpty();
  }

  private static RegistryClientConfig deadRegistry() throws IOException {
    final int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return RegistryClientConfig.fromMap(
        Map.of(
            "schema.registry.url", "http://127.0.0.1:" + port,
            "http.connect.timeout.ms", "500",
            "http.read.timeout.ms", "500",
            "max.retries", "1",
            "retries.wait.ms", "10",
            "retries.max.wait.ms", "20"));
  }
}
