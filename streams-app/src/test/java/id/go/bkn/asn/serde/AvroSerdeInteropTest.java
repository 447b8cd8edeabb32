package id.go.bkn.asn.serde;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.WorkUnit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What other clients of the format see: our bytes decode with plain Avro after the 5-byte header,
 * bytes framed as Confluent's serializer frames them decode with ours, and readers of older or
 * newer compatible schemas resolve.
 */
class AvroSerdeInteropTest {
  private static final String SCOPE = "interop-test";

  /** WorkUnit as it was before parentUnitId and active existed. */
  private static final Schema WORK_UNIT_V0 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"WorkUnit","namespace":"id.go.bkn.asn.schema","fields":[
                {"name":"unitId","type":"string"},
                {"name":"name","type":"string"},
                {"name":"kind","type":"string"}]}
              """);

  /** WorkUnit as a later version might be, with a field this build does not know. */
  private static final Schema WORK_UNIT_NEXT =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"WorkUnit","namespace":"id.go.bkn.asn.schema","fields":[
                {"name":"unitId","type":"string"},
                {"name":"name","type":"string"},
                {"name":"kind","type":"string"},
                {"name":"parentUnitId","type":["null","string"],"default":null},
                {"name":"active","type":"boolean","default":true},
                {"name":"region","type":"string","default":"BANTEN"}]}
              """);

  private final SchemaRegistryClient client = MockSchemaRegistry.client(SCOPE);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(SCOPE);
  }

  @Test
  void shouldDecodeWithPlainAvroWhenSkippingFiveByteHeader() throws IOException {
    // given bytes from our serializer
    final AttendanceEvent event = SampleRecords.attendance();
    final byte[] bytes =
        new AvroSerializer<AttendanceEvent>(client).serialize("training.attendance", event);

    // when a plain Avro reader skips magic byte and id
    final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    final Schema writer = client.schemaById(id);
    final BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
    final GenericRecord read = new GenericDatumReader<GenericRecord>(writer).read(null, decoder);

    // then
    assertThat(bytes[0]).isZero();
    assertThat(id).isEqualTo(client.latest("training.attendance-value").id());
    assertThat(decoder.isEnd()).isTrue();
    assertThat(read.get("eventId")).hasToString("att-0001");
    assertThat(read.get("status")).hasToString("LATE");
    assertThat(read.get("sessionJp")).isEqualTo(3.5);
    assertThat(read.get("occurredAt")).isEqualTo(SampleRecords.SESSION.toEpochMilli());
  }

  @Test
  void shouldReadBytesFramedByHandWhenWrittenAsConfluentSerializerWould() throws IOException {
    // given a schema registered by another client, and a record framed by hand
    final Schema schema = JavaProperties.remove(WorkUnit.getClassSchema());
    final int id = client.register("reference.units-value", schema);
    final GenericRecord unit = new GenericData.Record(schema);
    unit.put("unitId", "BKPSDM");
    unit.put("name", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia");
    unit.put("kind", "BADAN");
    unit.put("parentUnitId", "KOTA-SERANG");
    unit.put("active", true);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(unit, encoder);
    encoder.flush();

    // when
    final WorkUnit read =
        new AvroDeserializer<>(client, WorkUnit.class)
            .deserialize("reference.units", out.toByteArray());

    // then
    assertThat(read)
        .isEqualTo(
            new WorkUnit(
                "BKPSDM",
                "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                "BADAN",
                "KOTA-SERANG",
                true));
  }

  @Test
  void shouldFillDefaultsWhenWriterSchemaIsOlder() {
    // given a record written with the older schema
    final GenericRecord old = new GenericData.Record(WORK_UNIT_V0);
    old.put("unitId", "KEC-SERANG");
    old.put("name", "Kecamatan Serang");
    old.put("kind", "KECAMATAN");
    final byte[] bytes =
        new AvroSerializer<GenericRecord>(client).serialize("reference.units", old);

    // when this build's class reads it
    final WorkUnit read =
        new AvroDeserializer<>(client, WorkUnit.class).deserialize("reference.units", bytes);

    // then the new fields take their defaults
    assertThat(read)
        .isEqualTo(new WorkUnit("KEC-SERANG", "Kecamatan Serang", "KECAMATAN", null, true));
  }

  @Test
  void shouldSkipUnknownFieldWhenWriterSchemaIsNewer() {
    // given a record written with a newer schema (registered after the current one)
    final byte[] current =
        new AvroSerializer<WorkUnit>(client)
            .serialize("reference.units", SampleRecords.workUnitLeaf());
    final GenericRecord next = new GenericData.Record(WORK_UNIT_NEXT);
    next.put("unitId", "KEL-SERANG-CIPARE");
    next.put("name", "Kelurahan Cipare");
    next.put("kind", "KELURAHAN");
    next.put("parentUnitId", "KEC-SERANG");
    next.put("active", false);
    next.put("region", "BANTEN");
    final byte[] bytes =
        new AvroSerializer<GenericRecord>(client).serialize("reference.units", next);

    // when this build's class reads both
    final AvroDeserializer<WorkUnit> deserializer = new AvroDeserializer<>(client, WorkUnit.class);

    // then
    assertThat(Arrays.equals(current, 1, 5, bytes, 1, 5)).isFalse();
    assertThat(deserializer.deserialize("reference.units", bytes))
        .isEqualTo(SampleRecords.workUnitLeaf());
    assertThat(deserializer.deserialize("reference.units", current))
        .isEqualTo(SampleRecords.workUnitLeaf());
    assertThat(client.versions("reference.units-value")).containsExactly(1, 2);
  }

  @Test
  void shouldResolveToGivenReaderSchemaWhenGenericReaderIsOlder() {
    // given
    final byte[] bytes =
        new AvroSerializer<WorkUnit>(client)
            .serialize("reference.units", SampleRecords.workUnitLeaf());

    // when a generic reader of the old schema reads it
    final GenericRecord read =
        AvroDeserializer.generic(client, WORK_UNIT_V0).deserialize("reference.units", bytes);

    // then it sees its own fields only
    assertThat(read.getSchema()).isEqualTo(WORK_UNIT_V0);
    assertThat(read.get("kind")).hasToString("KELURAHAN");
    assertThat(read.hasField("active")).isFalse();
  }
}
