package id.go.bkn.asn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryStoreTest {
  private static final Schema UNIT = record("Unit", "{\"name\":\"unitId\",\"type\":\"string\"}");
  private static final Schema UNIT_WITH_KIND =
      record(
          "Unit",
          "{\"name\":\"unitId\",\"type\":\"string\"},"
              + "{\"name\":\"kind\",\"type\":\"string\",\"default\":\"DINAS\"}");
  private static final Schema PROGRAM =
      record("Program", "{\"name\":\"programId\",\"type\":\"string\"}");

  @Test
  void shouldKeepIdsAndVersionsWhenRestartedOnSameLog() {
    // given a store that registered schemas and a setting
    final InMemorySchemaLog log = new InMemorySchemaLog();
    final SchemaRegistryStore before = new SchemaRegistryStore(log);
    final SubjectVersion unit1 = before.register("units-value", UNIT);
    final SubjectVersion unit2 = before.register("units-value", UNIT_WITH_KIND);
    final SubjectVersion program = before.register("programs-value", PROGRAM);
    before.setCompatibility("programs-value", CompatibilityLevel.FULL);

    // when a new store replays the same log
    final SchemaRegistryStore after = new SchemaRegistryStore(log);

    // then
    assertThat(after.version("units-value", 1)).isEqualTo(unit1);
    assertThat(after.latest("units-value")).isEqualTo(unit2);
    assertThat(after.latest("programs-value")).isEqualTo(program);
    assertThat(after.schemaById(program.id())).isEqualTo(PROGRAM);
    assertThat(after.compatibility("programs-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(
            after
                .register("other-value", record("Other", "{\"name\":\"x\",\"type\":\"int\"}"))
                .id())
        .isEqualTo(program.id() + 1);
  }

  @Test
  void shouldShareOneIdWhenSameSchemaIsRegisteredUnderTwoSubjects() {
    // given
    final SchemaRegistryStore store = SchemaRegistryStore.inMemory();

    // when the same schema, written differently, goes under two subjects
    final SubjectVersion daily = store.register("analytics.unit-activity-daily-value", UNIT);
    final SubjectVersion weekly =
        store.register(
            "analytics.unit-activity-weekly-value",
            new Schema.Parser()
                .parse(
                    "{ \"fields\" : [ {\"type\":\"string\", \"name\":\"unitId\"} ],"
                        + " \"name\":\"Unit\", \"type\":\"record\" }"));

    // then
    assertThat(weekly.id()).isEqualTo(daily.id());
    assertThat(weekly.version()).isEqualTo(1);
    assertThat(store.versionsOfId(daily.id())).hasSize(2);
  }

  @Test
  void shouldCheckEveryVersionWhenLevelIsTransitive() {
    // given v1 {unitId}, v2 {unitId, kind=default}, and a v3 that drops kind's default again
    final SchemaRegistryStore store = SchemaRegistryStore.inMemory();
    store.register("s", UNIT);
    store.register("s", UNIT_WITH_KIND);
    final Schema v3 =
        record(
            "Unit",
            "{\"name\":\"unitId\",\"type\":\"string\"},{\"name\":\"kind\",\"type\":\"string\"}");

    // then BACKWARD (latest only) accepts v3, BACKWARD_TRANSITIVE does not (v3 cannot read v1)
    assertThat(store.incompatibilities("s", v3, null)).isEmpty();
    store.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(store.incompatibilities("s", v3, null)).isNotEmpty();
  }

  @Test
  void shouldRefuseWhenForwardAndOldSchemaCannotReadNew() {
    // given under FORWARD, old readers must read new data: removing a field without default fails
    final SchemaRegistryStore store = SchemaRegistryStore.inMemory();
    store.setCompatibility(CompatibilityLevel.FORWARD);
    store.register("s", UNIT);

    // then
    assertThatThrownBy(
            () -> store.register("s", record("Unit", "{\"name\":\"other\",\"type\":\"int\"}")))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
    assertThat(store.versions("s")).containsExactly(1);
  }

  @Test
  void shouldReportStoreErrorWhenLogFails() {
    // given a log that cannot write
    final SchemaRegistryStore store =
        new SchemaRegistryStore(
            new SchemaLog() {
              @Override
              public void append(final SchemaLogEntry entry) {
                throw new IllegalStateException("disk full");
              }

              @Override
              public void replay(final Consumer<SchemaLogEntry> consumer) {}
            });

    // then nothing is applied and the error says why
    assertThatThrownBy(() -> store.register("s", UNIT))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001))
        .hasMessageContaining("disk full");
    assertThat(store.subjects()).isEmpty();
  }

  @Test
  void shouldRejectInvalidSchemaWhenParsing() {
    assertThatThrownBy(() -> SchemaRegistryStore.parse("{\"type\":\"recrod\"}"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
  }

  private static Schema record(final String name, final String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}");
  }
}
