package id.go.bkn.asn.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.WorkUnit;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes the serde writes against fixtures computed by hand from the specifications (see
 * the comments in src/test/resources/serde/*.hex), so a change of framing or encoding cannot pass
 * unnoticed by the round-trip tests alone.
 */
class ConfluentWireFormatTest {
  private static final String SUBJECT = "reference.units-value";

  @Test
  void shouldWriteSpecifiedBytesWhenSerializingWorkUnitWithParent() {
    // given the WorkUnit schema registered with id 42
    final SchemaRegistryClient client =
        Fixtures.registryWith(SUBJECT, 42, JavaProperties.remove(WorkUnit.getClassSchema()));
    final WorkUnit unit = new WorkUnit("DINKES", "Dinas Kesehatan", "DINAS", "KOTA-SERANG", true);

    // when
    final byte[] bytes = new AvroSerializer<WorkUnit>(client).serialize("reference.units", unit);

    // then
    assertThat(HexFormat.of().formatHex(bytes))
        .isEqualTo(HexFormat.of().formatHex(Fixtures.hex("/serde/workunit-dinkes-id42.hex")));
  }

  @Test
  void shouldWriteSpecifiedBytesWhenSerializingRootUnitWithBigEndianId() {
    // given the WorkUnit schema registered with id 0x01020304
    final SchemaRegistryClient client =
        Fixtures.registryWith(
            SUBJECT, 0x01020304, JavaProperties.remove(WorkUnit.getClassSchema()));
    final WorkUnit root = new WorkUnit("KOTA-SERANG", "Kota Serang", "PEMDA", null, false);

    // when
    final byte[] bytes = new AvroSerializer<WorkUnit>(client).serialize("reference.units", root);

    // then
    assertThat(HexFormat.of().formatHex(bytes))
        .isEqualTo(HexFormat.of().formatHex(Fixtures.hex("/serde/workunit-root-id16909060.hex")));
  }

  @Test
  void shouldReadRecordWhenGivenSpecifiedBytes() {
    // given
    final SchemaRegistryClient client =
        Fixtures.registryWith(SUBJECT, 42, JavaProperties.remove(WorkUnit.getClassSchema()));

    // when
    final WorkUnit read =
        new AvroDeserializer<>(client, WorkUnit.class)
            .deserialize("reference.units", Fixtures.hex("/serde/workunit-dinkes-id42.hex"));

    // then
    assertThat(read)
        .isEqualTo(new WorkUnit("DINKES", "Dinas Kesehatan", "DINAS", "KOTA-SERANG", true));
  }

  @Test
  void shouldFrameIdBigEndianAfterMagicByteWhenFraming() {
    // when
    final byte[] framed = ConfluentWireFormat.frame(0x0A0B0C0D, new byte[] {7, 8});

    // then
    assertThat(framed).containsExactly(0, 0x0A, 0x0B, 0x0C, 0x0D, 7, 8);
    assertThat(ConfluentWireFormat.schemaId(framed, "t")).isEqualTo(0x0A0B0C0D);
  }

  @Test
  void shouldRejectHeaderWhenMagicByteIsNotZero() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}, "t"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte 0x01");
  }
}
