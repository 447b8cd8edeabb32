package id.go.bkn.asn.topology;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.simulator.SimulationSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * What real rosters and LMS exports do, on top of the simulated city (issue #10): a sink between
 * the simulator and {@link ParticipationIT.Tee} that adds two more trees, and, seeded and in the
 * stream's time order, roster corrections at the same effectiveFrom, backdated versions, transfers
 * within and across trees, a deactivation and reactivation, a unit made inactive, attendance
 * corrections (ABSENT to PRESENT, at once and after the day closed) and replays older than the
 * dedup horizon. {@link #batchStart} injects what arrives at the start of a batch (backdated, so
 * read first); {@link #sync} ends a batch with one enrolment per input partition at the close time,
 * so that every ingest task's watermark reaches it at the same instant and the tree clock stops
 * exactly there.
 */
final class RosterRealityScenario implements SimulationSink {

  static final String TREE_B = "KAB-UJI";
  static final String TREE_B_BADAN = "KAB-UJI-BKPSDM";
  static final String TREE_B_DINAS = "KAB-UJI-DISDIK";
  static final String TREE_C = "KOTA-UJI";
  static final String TREE_C_KECAMATAN = "KOTA-UJI-KEC";

  private final SimulationSink out;
  private final ReferenceModel model;
  private final Random random;
  private final int partitions;
  private final Map<String, WorkUnit> units = new TreeMap<>();
  private final Map<String, Employee> latest = new TreeMap<>();
  private final List<Employee> transfers = new ArrayList<>();
  private final List<AttendanceEvent> absent = new ArrayList<>();
  private final List<AttendanceEvent> present = new ArrayList<>();
  private final Set<String> rosterTouched = new HashSet<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private String programId;
  private boolean referenceDone;
  private String movedAcross;
  private String deactivated;

  RosterRealityScenario(
      final SimulationSink out, final ReferenceModel model, final long seed, final int partitions) {
    this.out = out;
    this.model = model;
    this.random = new Random(seed);
    this.partitions = partitions;
  }

  /** How many of each injected kind were sent, for the test's report. */
  Map<String, Integer> counts() {
    return counts;
  }

  /** Two more trees after the city's reference data: units and a few employees hired there. */
  void addTrees(final Instant hiredAt) {
    unit(newUnit(TREE_B, "Kabupaten Uji", "PEMDA", null, true));
    unit(newUnit(TREE_B_BADAN, "BKPSDM Kabupaten Uji", "BADAN", TREE_B, true));
    unit(newUnit(TREE_B_DINAS, "Dinas Pendidikan Kabupaten Uji", "DINAS", TREE_B, true));
    unit(newUnit(TREE_C, "Kota Uji", "PEMDA", null, true));
    unit(newUnit(TREE_C_KECAMATAN, "Kecamatan Uji", "KECAMATAN", TREE_C, true));
    for (int i = 0; i < 24; i++) {
      hire(String.format("UJI-B-%04d", i), i < 20 ? TREE_B_DINAS : TREE_B_BADAN, hiredAt);
    }
    for (int i = 0; i < 3; i++) {
      hire(String.format("UJI-C-%04d", i), TREE_C_KECAMATAN, hiredAt);
    }
    referenceDone = true;
  }

  private void hire(final String employeeId, final String unitId, final Instant at) {
    employee(
        Employee.newBuilder()
            .setEmployeeId(employeeId)
            .setUnitId(unitId)
            .setEmploymentType(EmploymentType.PNS)
            .setPositionType(PositionType.EXECUTOR)
            .setActive(true)
            .setEffectiveFrom(at)
            .build());
  }

  /**
   * What arrives at the start of batch {@code batch}, with the pipeline's clock at {@code clock}:
   * transfers across trees, backdated versions and corrections, late attendance corrections,
   * replays; all dated before the batch's events, so the app reads them first.
   */
  void batchStart(final int batch, final Instant clock) {
    final List<String> kotaSerang = activeIn(clock, false);
    // replays of credited attendance older than the dedup horizon: dropped, never credited twice
    final List<AttendanceEvent> replays = new ArrayList<>();
    for (final AttendanceEvent e : present) {
      if (!e.getOccurredAt().isAfter(clock.minus(Duration.ofDays(8)))
          && !rosterTouched.contains(e.getEmployeeId())
          && replays.size() < 4
          && random.nextInt(4) == 0) {
        replays.add(e);
      }
    }
    for (int i = 0; i < replays.size(); i++) {
      final AttendanceEvent e = replays.get(i);
      // the last one under a new eventId: the same fact, so the same replay
      out.attendance(
          i < replays.size() - 1
              ? e
              : AttendanceEvent.newBuilder(e).setEventId(e.getEventId() + "-again").build());
      count("attendance replay");
    }
    // late corrections: ABSENT to PRESENT after the day and week closed, counted in the year only
    int corrected = 0;
    for (final AttendanceEvent e : new ArrayList<>(absent)) {
      if (corrected < 3
          && closed(ReferenceModel.windowStart("WEEK", e.getOccurredAt()), "WEEK", clock)) {
        absent.remove(e);
        out.attendance(
            AttendanceEvent.newBuilder(e)
                .setEventId(e.getEventId() + "-late")
                .setStatus(AttendanceStatus.PRESENT)
                .build());
        corrected++;
        count("late attendance correction");
      }
    }
    // a roster correction arriving late, at the same effectiveFrom as a transfer already applied
    if (!transfers.isEmpty()) {
      final Employee t = transfers.get(random.nextInt(transfers.size()));
      sendVersion(
          Employee.newBuilder(t).setUnitId(otherLeaf(t.getUnitId(), TREE_B, TREE_C)).build());
      count("backdated correction at the same effectiveFrom");
    }
    // backdated versions: effective three days ago, one of them into another tree
    for (int i = 0; i < 2; i++) {
      final String who = kotaSerang.get(random.nextInt(kotaSerang.size()));
      final String to =
          i == 0 ? TREE_B_DINAS : otherLeaf(latest.get(who).getUnitId(), TREE_B, TREE_C);
      sendVersion(version(who, to, true, clock.minus(Duration.ofDays(3))));
      count("backdated version");
    }
    // transfers across trees during the batch, and one back to the city
    for (int i = 0; i < 2; i++) {
      final String who = kotaSerang.get(random.nextInt(kotaSerang.size()));
      final String to = (batch + i) % 2 == 0 ? TREE_B_BADAN : TREE_C_KECAMATAN;
      sendVersion(version(who, to, true, clock.plus(Duration.ofHours(20 + 5 * i))));
      movedAcross = who;
      count("transfer across trees");
    }
    if (batch == 3 && movedAcross != null) {
      sendVersion(
          version(
              movedAcross, otherLeaf(null, TREE_B, TREE_C), true, clock.plus(Duration.ofDays(2))));
      count("transfer back across trees");
    }
    // deactivation, then reactivation a batch later
    if (batch == 2 || batch == 3) {
      final String who = batch == 2 ? kotaSerang.get(0) : deactivated;
      final Employee now = latest.get(who);
      sendVersion(version(who, now.getUnitId(), batch == 3, clock.plus(Duration.ofHours(12))));
      deactivated = who;
      count(batch == 2 ? "deactivation" : "reactivation");
    }
    // a unit made inactive: its open alerts resolve, saying why
    if (batch == 3) {
      unit(newUnit(TREE_C_KECAMATAN, "Kecamatan Uji", "KECAMATAN", TREE_C, false));
      count("unit made inactive");
    }
  }

  /**
   * One ENROLLED event at {@code at} for an employee of each input partition, so that every ingest
   * task's watermark reaches {@code at} and the tree clock stops there.
   */
  void sync(final Instant at, final int batch) {
    final Map<Integer, String> byPartition = new TreeMap<>();
    for (final String employee : model.employees()) {
      if (model.unitOf(employee, at) != null) {
        byPartition.putIfAbsent(partition(employee), employee);
      }
    }
    if (byPartition.size() != partitions) {
      throw new IllegalStateException("no active employee on some partition: " + byPartition);
    }
    byPartition.forEach(
        (p, employee) ->
            enrollment(
                EnrollmentEvent.newBuilder()
                    .setEventId("sync-" + batch + "-" + p)
                    .setEmployeeId(employee)
                    .setProgramId(programId)
                    .setRunId("sync-run")
                    .setAction(EnrollmentAction.ENROLLED)
                    .setOccurredAt(at)
                    .setSource("it")
                    .build()));
  }

  private int partition(final String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private boolean closed(final Instant weekStart, final String size, final Instant clock) {
    return !ReferenceModel.windowEnd(size, weekStart).plus(Duration.ofHours(48)).isAfter(clock);
  }

  /** Employees active in Kota Serang at {@code at} whose roster the scenario has not touched. */
  private List<String> activeIn(final Instant at, final boolean touchedToo) {
    final List<String> out = new ArrayList<>();
    for (final String employee : model.employees()) {
      final String unit = model.unitOf(employee, at);
      if (unit != null
          && !unit.startsWith("KAB-UJI")
          && !unit.startsWith("KOTA-UJI")
          && (touchedToo || !rosterTouched.contains(employee))) {
        out.add(employee);
      }
    }
    return out;
  }

  /** A leaf unit of the city other than {@code not}, never one of the excluded trees. */
  private String otherLeaf(final String not, final String... excludedRoots) {
    final Set<String> parents = new HashSet<>();
    units.values().forEach(u -> parents.add(u.getParentUnitId()));
    final List<String> leaves = new ArrayList<>();
    for (final WorkUnit u : units.values()) {
      if (!parents.contains(u.getUnitId()) && !u.getUnitId().equals(not)) {
        boolean excluded = false;
        for (final String root : excludedRoots) {
          excluded |= u.getUnitId().startsWith(root);
        }
        if (!excluded) {
          leaves.add(u.getUnitId());
        }
      }
    }
    return leaves.get(random.nextInt(leaves.size()));
  }

  private Employee version(
      final String employeeId, final String unitId, final boolean active, final Instant from) {
    return Employee.newBuilder(latest.get(employeeId))
        .setUnitId(unitId)
        .setActive(active)
        .setEffectiveFrom(from)
        .build();
  }

  private void sendVersion(final Employee version) {
    rosterTouched.add(version.getEmployeeId());
    employee(version);
  }

  private void count(final String what) {
    counts.merge(what, 1, Integer::sum);
  }

  private static WorkUnit newUnit(
      final String id,
      final String name,
      final String kind,
      final String parent,
      final boolean active) {
    return WorkUnit.newBuilder()
        .setUnitId(id)
        .setName(name)
        .setKind(kind)
        .setParentUnitId(parent)
        .setActive(active)
        .build();
  }

  @Override
  public void unit(final WorkUnit unit) {
    units.put(unit.getUnitId(), unit);
    out.unit(unit);
  }

  @Override
  public void employee(final Employee employee) {
    final boolean fromSimulator =
        referenceDone && !rosterTouched.contains(employee.getEmployeeId());
    latest.put(employee.getEmployeeId(), employee);
    out.employee(employee);
    if (fromSimulator) {
      transfers.add(employee);
      // a correction at the same effectiveFrom, read right after the version it corrects
      if (random.nextInt(10) < 3) {
        final Employee fixed =
            Employee.newBuilder(employee)
                .setUnitId(otherLeaf(employee.getUnitId(), TREE_B, TREE_C))
                .build();
        latest.put(fixed.getEmployeeId(), fixed);
        out.employee(fixed);
        count("roster correction at the same effectiveFrom");
      }
    }
  }

  @Override
  public void program(final TrainingProgram program) {
    if (programId == null) {
      programId = program.getProgramId();
    }
    out.program(program);
  }

  @Override
  public void enrollment(final EnrollmentEvent event) {
    out.enrollment(event);
  }

  @Override
  public void attendance(final AttendanceEvent event) {
    out.attendance(event);
    if (event.getStatus() == AttendanceStatus.ABSENT) {
      if (random.nextInt(5) == 0) {
        // corrected at once: a late sign-in sheet, the same session, a new record
        out.attendance(
            AttendanceEvent.newBuilder(event)
                .setEventId(event.getEventId() + "-fix")
                .setStatus(AttendanceStatus.PRESENT)
                .build());
        count("attendance correction");
      } else {
        absent.add(event);
      }
    } else if (event.getStatus() == AttendanceStatus.PRESENT) {
      present.add(event);
    }
  }

  @Override
  public void feedback(final FeedbackEvent event) {
    out.feedback(event);
  }

  @Override
  public void badRecord(
      final String topic, final String key, final byte[] value, final String kind) {
    throw new AssertionError("no bad input in this test");
  }
}
