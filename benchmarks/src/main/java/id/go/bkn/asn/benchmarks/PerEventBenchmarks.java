package id.go.bkn.asn.benchmarks;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.serde.Decoded;
import id.go.bkn.asn.serde.DecodedSerde;
import id.go.bkn.asn.simulator.NationalConfig;
import id.go.bkn.asn.simulator.NationalReference;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.topology.UnitHierarchy;
import id.go.bkn.asn.topology.tree.Tracked;
import id.go.bkn.asn.topology.tree.TreeStores;
import id.go.bkn.asn.topology.tree.WeekFigures;
import id.go.bkn.asn.topology.tree.WindowCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The functions the pipeline runs for every event, each alone: decode (the Confluent wire format to
 * the generated record, as the ingest stage's serde does it, keeping the original bytes), encode,
 * validate, attribute (the unit and its ancestors, up to the root, on the national hierarchy) and
 * count (one window's counts read from their stored bytes, one attendance added, written back: what
 * the tree stage does per event, unit and window). Store and broker costs are the bench's part;
 * these say what the code itself costs per event. Run: see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PerEventBenchmarks {

  private static final String TOPIC = "training.attendance";

  /** The WEEK slot of a unit's week entry, and Tuesday's (the slots of SeenWeek). */
  private static final int WEEK = 0;

  private static final int TUESDAY = 2;
  private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");

  private AvroSerializer<AttendanceEvent> serializer;
  private AvroDeserializer<AttendanceEvent> deserializer;
  private DecodedSerde<AttendanceEvent> decodedSerde;
  private AttendanceEvent event;
  private byte[] bytes;
  private EventValidator validator;
  private UnitHierarchy hierarchy;
  private String[] leaves;
  private int next;
  private byte[] countsBytes;

  @Setup
  public void setUp() {
    final SchemaRegistryClient registry = MockSchemaRegistry.client("jmh");
    serializer = new AvroSerializer<>(registry);
    deserializer = new AvroDeserializer<>(registry, AttendanceEvent.class);
    decodedSerde = new DecodedSerde<>(deserializer);
    event =
        new AttendanceEvent(
            "evt-000123456",
            "198609262015051001",
            "TEK-01",
            "TEK-01-2026-11",
            "s1",
            AttendanceStatus.PRESENT,
            4.0,
            NOW.minusSeconds(3_600),
            "LMS");
    bytes = serializer.serialize(TOPIC, event);
    validator = EventValidator.withDefaults(Clock.fixed(NOW, ZoneOffset.UTC));
    final NationalReference nation =
        NationalReference.build(
            new NationalConfig(
                SimulationConfig.DEFAULT_SEED, NOW, NationalConfig.DEFAULT_EMPLOYEES));
    final Map<String, WorkUnit> units = new HashMap<>();
    nation.units().forEach(u -> units.put(u.getUnitId(), u));
    hierarchy = new UnitHierarchy(units::get);
    final List<String> ids = nation.units().stream().map(WorkUnit::getUnitId).toList();
    leaves = ids.toArray(new String[0]);
    // a unit's week entry with the week's and Tuesday's figures, as an event's count finds it
    final Tracked<WindowCounts> one =
        new Tracked<>(WindowCounts.EMPTY.withAttendance("PRESENT", 4.0), 0, true);
    countsBytes =
        WeekFigures.SERDE
            .serializer()
            .serialize(TreeStores.WINDOWS, WeekFigures.EMPTY.with(WEEK, one).with(TUESDAY, one));
  }

  @Benchmark
  public AttendanceEvent decode() {
    return deserializer.deserialize(TOPIC, bytes);
  }

  @Benchmark
  public Decoded<AttendanceEvent> decodeKeepingBytes() {
    return decodedSerde.deserializer().deserialize(TOPIC, bytes);
  }

  @Benchmark
  public byte[] encode() {
    return serializer.serialize(TOPIC, event);
  }

  @Benchmark
  public Optional<Rejection> validate() {
    return validator.validate(event);
  }

  @Benchmark
  public List<String> attribute() {
    final String unit = leaves[next];
    next = (next + 1) % leaves.length;
    return hierarchy.selfAndAncestors(unit);
  }

  /** One unit's share of counting an event: its week entry read, its day and week counted. */
  @Benchmark
  public byte[] count() {
    WeekFigures entry =
        WeekFigures.SERDE.deserializer().deserialize(TreeStores.WINDOWS, countsBytes);
    for (final int slot : new int[] {WEEK, TUESDAY}) {
      final Tracked<WindowCounts> counts = entry.slot(slot);
      entry =
          entry.with(
              slot,
              new Tracked<>(
                  counts.figures().withAttendance("PRESENT", 4.0), counts.revision(), true));
    }
    return WeekFigures.SERDE.serializer().serialize(TreeStores.WINDOWS, entry);
  }
}
