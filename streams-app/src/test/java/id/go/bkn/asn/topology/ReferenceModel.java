package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An independent, plain-Java statement of CONTRACT.md section 5 for the integration tests: given
 * every unit, roster version, programme and event, and when each reached the pipeline, it computes
 * by brute force what every output must hold (no Kafka, no stores, none of the topology's classes):
 * the FINAL daily and weekly unit records, the programme weeks, the year-to-date records of units
 * and employees, the alerts and the late events. Deliberately naive: clarity over speed.
 *
 * <p><b>Arrival.</b> Windows close on the pipeline's event-time clock, so what a FINAL record holds
 * depends on what had arrived when its window closed. The test says, with {@link #arrivalClock},
 * the clock in force while the next inputs are read; an input arriving at clock {@code A} finds
 * closed every window with {@code end + grace <= A} and counts in every other one. Before the first
 * call, nothing is closed. The scenario must make this true: inputs of one batch are read while the
 * clock is between the batch's arrival clock and the next one, and every window that closes in
 * between has all of the batch's inputs of its time before it closes (inputs in time order, the
 * backdated ones first). The values passed are also the clocks at which windows close, which the
 * year-to-date figures and alerts of a week close are taken at.
 *
 * <p><b>Rules</b> (each is a sentence of CONTRACT.md section 5, or of docs/design/figures.md where
 * the contract leaves a point open):
 *
 * <ul>
 *   <li>An event belongs to the unit of the employee's roster version in force at its occurredAt,
 *       as the roster stood when the event arrived; no active version: dead letter.
 *   <li>An eventId seen before within the dedup horizon (by occurredAt) is a duplicate. Attendance
 *       for the same employee, run and session is one fact: a record stating the same as the fact's
 *       current version (occurredAt, unit, status, sessionJp, programme) is a replay, dropped,
 *       never late; any other record replaces the current version (a correction).
 *   <li>A window counts the inputs that arrived before it closed, each attendance fact by its last
 *       version that arrived before the close, if that version falls in the window.
 *   <li>An accepted event with any of its windows closed at arrival goes to the late events, with
 *       the closed sizes (anonymous feedback: WEEK only).
 *   <li>Reference records are never deleted: a tombstone on reference.units, reference.programs or
 *       reference.employees is a dead letter (INVALID_FIELD) and changes nothing.
 *   <li>A unit is accepted when it is a root or its parent is accepted and does not descend from
 *       it; a parent that does is a cycle (CYCLIC_PARENT at once); a parent not accepted makes it
 *       wait, and once the wait is over ({@link #expireHeldUnits}) DANGLING_PARENT. Only accepted
 *       units count.
 *   <li>A roster version whose unit has not been given waits for it, changing nothing: it counts
 *       from the moment the unit is given; a later different version of the employee sets it aside
 *       (UNKNOWN_UNIT) and goes on by itself; when the test says the wait is over ({@link
 *       #expireHeldRoster}) every version still waiting is set aside (UNKNOWN_UNIT). A version
 *       equal to one the employee already has is a re-export and changes nothing.
 * </ul>
 */
final class ReferenceModel {

  static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  private static final Duration DEDUP_HORIZON = Duration.ofDays(7);

  /** The expected FINAL figures of one unit in one window. */
  record UnitWindow(
      String unitId,
      String unitName,
      String parentUnitId,
      int depth,
      boolean leaf,
      String size,
      Instant windowStart,
      Instant windowEnd,
      int headcount,
      int enrollments,
      int withdrawals,
      int completions,
      int participants,
      Double participationRate,
      int present,
      int late,
      int absent,
      int excused,
      Double attendanceRate,
      double jpDelivered,
      int feedbackResponses,
      Double responseRate,
      boolean satisfactionSuppressed,
      Double satisfactionMean,
      Double satisfactionIndex,
      Double careerRelevanceMean,
      Double nps) {

    String key() {
      return unitId + "|" + LocalDate.ofInstant(windowStart, WIB);
    }
  }

  /** The expected FINAL record of one programme in one week. */
  record ProgramWeek(
      String programId,
      String title,
      String trainingType,
      String organizer,
      String organizerKind,
      Instant windowStart,
      Instant windowEnd,
      int participants,
      int feedbackResponses,
      Double responseRate,
      boolean satisfactionSuppressed,
      Double satisfactionMean,
      Double satisfactionIndex,
      Double careerRelevanceMean,
      Double nps) {

    String key() {
      return programId + "|" + LocalDate.ofInstant(windowStart, WIB);
    }
  }

  /** The expected year-to-date figures of one unit as of a clock. */
  record UnitYear(
      String unitId,
      String unitName,
      String parentUnitId,
      int depth,
      boolean leaf,
      int year,
      Instant asOf,
      int headcount,
      double targetJp,
      int employeesMeetingTarget,
      int employeesZeroJp,
      double totalJp,
      Double meanJp,
      Double attainmentRatio,
      double expectedAttainment) {

    String key() {
      return unitId + "|" + year;
    }
  }

  /** The expected year-to-date figures of one employee. */
  record EmployeeYear(String unitId, double jpTotal, int sessionsAttended, int programsCompleted) {}

  /** One expected alert record (message and emittedAt are not modelled). */
  record Alert(
      String alertId,
      String unitId,
      String unitName,
      AlertRule rule,
      Severity severity,
      AlertState state,
      Instant windowStart,
      Instant windowEnd,
      Double value,
      double threshold) {

    String key() {
      return unitId + "|" + rule.name();
    }
  }

  /** One expected record of training.late-events: the event and the window sizes closed for it. */
  record LateEvent(String eventId, Set<String> closedSizes) {}

  private enum Kind {
    ENROLLMENT,
    ATTENDANCE,
    FEEDBACK
  }

  /** An accepted event, with its unit as attributed on arrival (null: anonymous feedback). */
  private record Input(
      Kind kind,
      Object event,
      String eventId,
      String employeeId,
      String programId,
      Instant occurredAt,
      String unitId,
      long seq,
      Instant arrival) {

    AttendanceEvent attendance() {
      return (AttendanceEvent) event;
    }

    FeedbackEvent feedback() {
      return (FeedbackEvent) event;
    }

    EnrollmentEvent enrollment() {
      return (EnrollmentEvent) event;
    }

    String factKey() {
      final AttendanceEvent a = attendance();
      return a.getEmployeeId() + "|" + a.getRunId() + "|" + a.getSessionId();
    }

    boolean credited() {
      return kind == Kind.ATTENDANCE
          && (attendance().getStatus() == AttendanceStatus.PRESENT
              || attendance().getStatus() == AttendanceStatus.LATE);
    }
  }

  private record Version(Employee employee, long seq, Instant arrival) {}

  private record UnitVersion(WorkUnit unit, Instant arrival) {}

  private final List<UnitVersion> units = new ArrayList<>();
  private final Map<String, List<Version>> roster = new HashMap<>();
  private final Map<String, TrainingProgram> programs = new HashMap<>();
  private final List<Input> inputs = new ArrayList<>();
  private final List<Map.Entry<String, Instant>> seenIds = new ArrayList<>();
  private final List<LateEvent> lateEvents = new ArrayList<>();
  private final TreeSet<Instant> clocks = new TreeSet<>();
  private final int minResponses;
  private final Duration grace;
  private final double targetJp;
  private final AlertThresholds thresholds;
  private Instant arrival;
  private long seq;
  private int duplicates;
  private final List<String> deadLetters = new ArrayList<>();
  private final List<ReferenceDeadLetter> referenceDeadLetters = new ArrayList<>();

  /**
   * A dead letter expected for a record of a reference topic.
   *
   * @param topic the reference topic
   * @param key the record's key
   * @param reason the reason's name
   * @param value the roster version or unit set aside, null for a tombstone
   */
  record ReferenceDeadLetter(
      String topic, String key, String reason, org.apache.avro.specific.SpecificRecord value) {}

  /** Units waiting for their parent, by id. */
  private final Map<String, WorkUnit> heldUnits = new LinkedHashMap<>();

  private static final String ROSTER_TOPIC = "reference.employees";

  /** Roster versions waiting for their unit, by employee, in the order they were given. */
  private final Map<String, Employee> heldRoster = new LinkedHashMap<>();

  /** A model with the contract's defaults besides k: 48 h grace, 20 JP, DOMAIN.md's alerts. */
  ReferenceModel(final int minResponses) {
    this(minResponses, Duration.ofHours(48), 20, AlertThresholds.DEFAULTS);
  }

  ReferenceModel(
      final int minResponses,
      final Duration grace,
      final double targetJp,
      final AlertThresholds thresholds) {
    this.minResponses = minResponses;
    this.grace = grace;
    this.targetJp = targetJp;
    this.thresholds = thresholds;
  }

  /**
   * The pipeline's clock while the inputs that follow are read: windows with {@code end + grace} at
   * or before it are closed for them. Never backwards.
   */
  void arrivalClock(final Instant clock) {
    if (arrival != null && clock.isBefore(arrival)) {
      throw new IllegalArgumentException("the clock never goes back: " + clock);
    }
    arrival = clock;
    clocks.add(clock);
  }

  /**
   * A record of reference.units, judged against the units accepted before it: a root, or a unit
   * whose parent is accepted and does not descend from it, is accepted (and the units waiting for
   * it are judged again); a parent that descends from the unit is a cycle, set aside at once
   * (CYCLIC_PARENT); a parent not accepted yet makes it wait (a later different version of the unit
   * sets the waiting one aside, DANGLING_PARENT; {@link #expireHeldUnits} sets aside those still
   * waiting).
   */
  void unit(final WorkUnit unit) {
    final String id = unit.getUnitId();
    final WorkUnit waiting = heldUnits.get(id);
    if (waiting != null) {
      if (waiting.equals(unit)) {
        return;
      }
      heldUnits.remove(id);
      referenceDeadLetters.add(
          new ReferenceDeadLetter("reference.units", id, "DANGLING_PARENT", waiting));
    }
    final String parent = unit.getParentUnitId();
    if (parent != null && acceptedUnit(parent) == null) {
      heldUnits.put(id, unit);
      return;
    }
    // the ancestors of the parent, as accepted so far: a cycle if the unit is among them
    for (String up = parent; up != null; ) {
      if (up.equals(id)) {
        referenceDeadLetters.add(
            new ReferenceDeadLetter("reference.units", id, "CYCLIC_PARENT", unit));
        return;
      }
      up = acceptedUnit(up).getParentUnitId();
    }
    acceptUnit(unit);
    for (final WorkUnit child : new ArrayList<>(heldUnits.values())) {
      if (id.equals(child.getParentUnitId()) && heldUnits.remove(child.getUnitId()) != null) {
        unit(child);
      }
    }
  }

  /** The wait is over: every unit still waiting for its parent is set aside. */
  void expireHeldUnits() {
    new TreeMap<>(heldUnits)
        .forEach(
            (id, u) ->
                referenceDeadLetters.add(
                    new ReferenceDeadLetter("reference.units", id, "DANGLING_PARENT", u)));
    heldUnits.clear();
  }

  /** The unit's last accepted version, or null. */
  private WorkUnit acceptedUnit(final String id) {
    WorkUnit last = null;
    for (final UnitVersion v : units) {
      if (v.unit().getUnitId().equals(id)) {
        last = v.unit();
      }
    }
    return last;
  }

  private void acceptUnit(final WorkUnit unit) {
    units.add(new UnitVersion(unit, arrival));
    final List<Employee> released = new ArrayList<>();
    heldRoster
        .values()
        .removeIf(
            v -> {
              if (v.getUnitId().equals(unit.getUnitId())) {
                released.add(v);
                return true;
              }
              return false;
            });
    released.forEach(this::employee);
  }

  void employee(final Employee version) {
    final String id = version.getEmployeeId();
    final Employee held = heldRoster.get(id);
    if (held != null) {
      if (held.equals(version)) {
        return;
      }
      heldRoster.remove(id);
      referenceDeadLetters.add(new ReferenceDeadLetter(ROSTER_TOPIC, id, "UNKNOWN_UNIT", held));
    }
    if (acceptedUnit(version.getUnitId()) == null) {
      heldRoster.put(id, version);
      return;
    }
    final List<Version> versions = roster.computeIfAbsent(id, k -> new ArrayList<>());
    if (versions.stream().anyMatch(v -> v.employee().equals(version))) {
      return;
    }
    versions.add(new Version(version, seq++, arrival));
  }

  /** The wait is over: every roster version still waiting for its unit is set aside. */
  void expireHeldRoster() {
    heldRoster.forEach(
        (id, v) ->
            referenceDeadLetters.add(new ReferenceDeadLetter(ROSTER_TOPIC, id, "UNKNOWN_UNIT", v)));
    heldRoster.clear();
  }

  void program(final TrainingProgram program) {
    programs.put(program.getProgramId(), program);
  }

  /**
   * A tombstone on a reference topic: not a deletion (units and employees end with active=false,
   * programmes stay), so a dead letter, and nothing else changes.
   */
  void referenceTombstone(final String topic, final String key) {
    referenceDeadLetters.add(new ReferenceDeadLetter(topic, key, "INVALID_FIELD", null));
  }

  /** The dead letters expected for reference records, in the order they were given. */
  List<ReferenceDeadLetter> referenceDeadLetters() {
    return List.copyOf(referenceDeadLetters);
  }

  void enrollment(final EnrollmentEvent e) {
    accept(
        Kind.ENROLLMENT, e, e.getEventId(), e.getEmployeeId(), e.getProgramId(), e.getOccurredAt());
  }

  void attendance(final AttendanceEvent e) {
    accept(
        Kind.ATTENDANCE, e, e.getEventId(), e.getEmployeeId(), e.getProgramId(), e.getOccurredAt());
  }

  void feedback(final FeedbackEvent e) {
    accept(
        Kind.FEEDBACK, e, e.getEventId(), e.getEmployeeId(), e.getProgramId(), e.getOccurredAt());
  }

  private void accept(
      final Kind kind,
      final Object event,
      final String eventId,
      final String employeeId,
      final String programId,
      final Instant occurredAt) {
    final long at = seq++;
    for (final Map.Entry<String, Instant> earlier : seenIds) {
      if (earlier.getKey().equals(eventId)
          && Duration.between(earlier.getValue(), occurredAt).abs().compareTo(DEDUP_HORIZON) <= 0) {
        duplicates++;
        return;
      }
    }
    String unitId = null;
    if (employeeId != null) {
      unitId = unitOf(employeeId, occurredAt, at);
      if (unitId == null) {
        deadLetters.add(eventId);
        return;
      }
    }
    // remembered once its employee is known, replay or not
    seenIds.add(Map.entry(eventId, occurredAt));
    final Input input =
        new Input(kind, event, eventId, employeeId, programId, occurredAt, unitId, at, arrival);
    if (kind == Kind.ATTENDANCE) {
      final Input current = currentVersion(input.factKey(), Long.MAX_VALUE);
      if (current != null && sameFact(current, input)) {
        duplicates++;
        return;
      }
    }
    inputs.add(input);
    final Set<String> closed = new TreeSet<>();
    final boolean anonymous = employeeId == null;
    if (!anonymous && closedAtArrival(yearEnd(occurredAt), arrival)) {
      closed.add("YEAR");
    }
    if (closedAtArrival(windowEnd("WEEK", windowStart("WEEK", occurredAt)), arrival)) {
      closed.add("WEEK");
    }
    if (!anonymous && closedAtArrival(windowEnd("DAY", windowStart("DAY", occurredAt)), arrival)) {
      closed.add("DAY");
    }
    if (!closed.isEmpty()) {
      lateEvents.add(new LateEvent(eventId, closed));
    }
  }

  private static boolean sameFact(final Input a, final Input b) {
    final AttendanceEvent x = a.attendance();
    final AttendanceEvent y = b.attendance();
    return x.getOccurredAt().equals(y.getOccurredAt())
        && Objects.equals(a.unitId(), b.unitId())
        && x.getStatus() == y.getStatus()
        && x.getSessionJp() == y.getSessionJp()
        && x.getProgramId().equals(y.getProgramId());
  }

  private boolean closedAtArrival(final Instant windowEnd, final Instant at) {
    return at != null && !windowEnd.plus(grace).isAfter(at);
  }

  /** Whether an input arrived before the window ending at {@code windowEnd} closed. */
  private boolean before(final Input input, final Instant windowEnd) {
    return !closedAtArrival(windowEnd, input.arrival());
  }

  /** The fact's last version with a sequence number below {@code limit}. */
  private Input currentVersion(final String factKey, final long limit) {
    Input latest = null;
    for (final Input i : inputs) {
      if (i.kind() == Kind.ATTENDANCE && i.seq() < limit && i.factKey().equals(factKey)) {
        latest = i;
      }
    }
    return latest;
  }

  /**
   * The attendance a window closing at {@code end + grace} counts: each fact's last version that
   * arrived before the close; every fact's current version when {@code windowEnd} is null.
   */
  private List<Input> attendanceSeenBy(final Instant windowEnd) {
    return attendanceBefore(windowEnd == null ? Long.MAX_VALUE : seqBefore(windowEnd));
  }

  /** Each fact's last version among the inputs numbered below {@code cutoff}. */
  private List<Input> attendanceBefore(final long cutoff) {
    final Map<String, Input> last = new LinkedHashMap<>();
    for (final Input i : inputs) {
      if (i.kind() == Kind.ATTENDANCE && i.seq() < cutoff) {
        last.put(i.factKey(), i);
      }
    }
    return new ArrayList<>(last.values());
  }

  /** Every accepted event that was dropped as a duplicate or replay. */
  int duplicates() {
    return duplicates;
  }

  /** The eventIds refused because their employee was not in the roster at their time. */
  List<String> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** The late events expected in {@code training.late-events}, in arrival order. */
  List<LateEvent> lateEvents() {
    return List.copyOf(lateEvents);
  }

  /**
   * Windows of {@code size} ("DAY" or "WEEK") closed at {@code clock}: from the first one still
   * open when the first event came (the window holding the first event's time minus the grace:
   * every earlier one was closed by then, and it may hold no event at all) to the last one closed.
   */
  List<Instant> closedWindowStarts(final String size, final Instant clock, final Duration grace) {
    final Instant first = allEventTimes().stream().min(Comparator.naturalOrder()).orElseThrow();
    final List<Instant> starts = new ArrayList<>();
    for (Instant start = windowStart(size, first.minus(grace));
        !windowEnd(size, start).plus(grace).isAfter(clock);
        start = windowEnd(size, start)) {
      starts.add(start);
    }
    return starts;
  }

  /** The expected FINAL record of every unit for the window of {@code size} starting at start. */
  List<UnitWindow> finalRecords(final String size, final Instant start) {
    final Instant end = windowEnd(size, start);
    final Map<String, WorkUnit> view = unitsSeenBy(end);
    final List<UnitWindow> out = new ArrayList<>();
    for (final WorkUnit unit : view.values()) {
      out.add(figures(view, unit, size, start, end));
    }
    return out;
  }

  private UnitWindow figures(
      final Map<String, WorkUnit> view,
      final WorkUnit unit,
      final String size,
      final Instant start,
      final Instant end) {
    final Set<String> subtree = subtree(view, unit.getUnitId());
    int enrolled = 0;
    int withdrawn = 0;
    int completed = 0;
    final List<FeedbackEvent> answers = new ArrayList<>();
    for (final Input i : inputs) {
      if (i.kind() == Kind.ATTENDANCE
          || i.unitId() == null
          || !before(i, end)
          || !in(i.occurredAt(), start, end)
          || !subtree.contains(i.unitId())) {
        continue;
      }
      if (i.kind() == Kind.ENROLLMENT) {
        switch (i.enrollment().getAction()) {
          case ENROLLED -> enrolled++;
          case WITHDRAWN -> withdrawn++;
          case COMPLETED -> completed++;
          default -> throw new IllegalStateException();
        }
      } else {
        answers.add(i.feedback());
      }
    }
    final Set<String> participants = new HashSet<>();
    final int[] statuses = new int[4];
    double jp = 0;
    for (final Input i : attendanceSeenBy(end)) {
      if (in(i.occurredAt(), start, end) && subtree.contains(i.unitId())) {
        final AttendanceEvent e = i.attendance();
        statuses[e.getStatus().ordinal()]++;
        if (i.credited()) {
          participants.add(e.getEmployeeId());
          jp += e.getSessionJp();
        }
      }
    }
    final Set<String> respondents = new HashSet<>();
    answers.forEach(f -> respondents.add(f.getEmployeeId()));
    final Satisfaction satisfaction = satisfaction(answers);
    final long cutoff = seqBefore(end);
    final int headcount = headcount(subtree, end.minusMillis(1), cutoff);
    // participationRate's denominator: the headcount plus the participants who left the subtree
    int departed = 0;
    for (final String employee : participants) {
      if (!subtree.contains(unitOf(employee, end.minusMillis(1), cutoff))) {
        departed++;
      }
    }
    // responseRate's: everyone who took part or answered
    final Set<String> engaged = new HashSet<>(participants);
    engaged.addAll(respondents);
    final int present = statuses[AttendanceStatus.PRESENT.ordinal()];
    final int late = statuses[AttendanceStatus.LATE.ordinal()];
    final int absent = statuses[AttendanceStatus.ABSENT.ordinal()];
    return new UnitWindow(
        unit.getUnitId(),
        unit.getName(),
        unit.getParentUnitId(),
        depth(view, unit.getUnitId()),
        children(view, unit.getUnitId()).isEmpty(),
        size,
        start,
        end,
        headcount,
        enrolled,
        withdrawn,
        completed,
        participants.size(),
        ratio(participants.size(), headcount + departed),
        present,
        late,
        absent,
        statuses[AttendanceStatus.EXCUSED.ordinal()],
        ratio(present + late, present + late + absent),
        jp,
        answers.size(),
        ratio(respondents.size(), engaged.size()),
        satisfaction.suppressed(),
        satisfaction.mean(),
        satisfaction.index(),
        satisfaction.careerRelevance(),
        satisfaction.nps());
  }

  private record Satisfaction(
      boolean suppressed, Double mean, Double index, Double careerRelevance, Double nps) {}

  private Satisfaction satisfaction(final List<FeedbackEvent> answers) {
    if (answers.size() < minResponses) {
      return new Satisfaction(true, null, null, null, null);
    }
    int overallSum = 0;
    int careerCount = 0;
    int careerSum = 0;
    int recommendCount = 0;
    int promoters = 0;
    int detractors = 0;
    for (final FeedbackEvent f : answers) {
      overallSum += f.getOverall();
      if (f.getCareerRelevance() != null) {
        careerCount++;
        careerSum += f.getCareerRelevance();
      }
      if (f.getRecommend() != null) {
        recommendCount++;
        if (f.getRecommend() >= 9) {
          promoters++;
        } else if (f.getRecommend() <= 6) {
          detractors++;
        }
      }
    }
    final double mean = (double) overallSum / answers.size();
    return new Satisfaction(
        false,
        mean,
        mean * 20,
        careerCount == 0 ? null : (double) careerSum / careerCount,
        recommendCount == 0 ? null : 100.0 * (promoters - detractors) / recommendCount);
  }

  /**
   * The expected FINAL record of every programme week starting at {@code start} that any attendance
   * or feedback reached while it was open; programmes without one get no record.
   */
  List<ProgramWeek> programFinals(final Instant start) {
    final Instant end = windowEnd("WEEK", start);
    final Map<String, List<FeedbackEvent>> answers = new TreeMap<>();
    final Set<String> touched = new TreeSet<>();
    for (final Input i : inputs) {
      if (i.kind() == Kind.ENROLLMENT || !before(i, end) || !in(i.occurredAt(), start, end)) {
        continue;
      }
      touched.add(i.programId());
      if (i.kind() == Kind.FEEDBACK) {
        answers.computeIfAbsent(i.programId(), k -> new ArrayList<>()).add(i.feedback());
      }
    }
    final Map<String, Set<String>> participants = new HashMap<>();
    for (final Input i : attendanceSeenBy(end)) {
      if (i.credited() && in(i.occurredAt(), start, end)) {
        participants.computeIfAbsent(i.programId(), k -> new HashSet<>()).add(i.employeeId());
      }
    }
    final List<ProgramWeek> out = new ArrayList<>();
    for (final String programId : touched) {
      final List<FeedbackEvent> given = answers.getOrDefault(programId, List.of());
      final Set<String> took = participants.getOrDefault(programId, Set.of());
      final Set<String> named = new HashSet<>();
      int anonymous = 0;
      for (final FeedbackEvent f : given) {
        if (f.getEmployeeId() == null) {
          anonymous++;
        } else {
          named.add(f.getEmployeeId());
        }
      }
      final Set<String> engaged = new HashSet<>(took);
      engaged.addAll(named);
      final Satisfaction s = satisfaction(given);
      final TrainingProgram program = programs.get(programId);
      out.add(
          new ProgramWeek(
              programId,
              program == null ? programId : program.getTitle(),
              program == null ? "" : program.getTrainingType(),
              program == null ? "" : program.getOrganizer(),
              program == null ? "OTHER" : program.getOrganizerKind().name(),
              start,
              end,
              took.size(),
              given.size(),
              ratio(named.size() + anonymous, engaged.size() + anonymous),
              s.suppressed(),
              s.mean(),
              s.index(),
              s.careerRelevance(),
              s.nps()));
    }
    return out;
  }

  /**
   * Expected year-to-date figures per {@code employeeId|year} once everything has arrived: credited
   * JP and sessions over the current version of each attendance fact, and COMPLETED enrolments, of
   * every employee credited at some point; the unit is where the roster places them at {@code
   * clock}, or, when nowhere, the unit of their last credited event.
   */
  Map<String, EmployeeYear> employeeYears(final Instant clock) {
    final Map<String, EmployeeYear> years = new TreeMap<>();
    final Map<String, String> lastUnit = new HashMap<>();
    for (final Input i : inputs) {
      final boolean completion =
          i.kind() == Kind.ENROLLMENT && i.enrollment().getAction() == EnrollmentAction.COMPLETED;
      if ((i.credited() || completion) && yearOpenAt(i)) {
        final String key = yearKey(i.employeeId(), i.occurredAt());
        years.putIfAbsent(key, new EmployeeYear(null, 0, 0, 0));
        lastUnit.put(key, i.unitId());
        if (completion) {
          years.merge(key, new EmployeeYear(null, 0, 0, 1), ReferenceModel::sum);
        }
      }
    }
    for (final Input i : attendanceSeenBy(null)) {
      if (i.credited() && yearOpenAt(i)) {
        years.merge(
            yearKey(i.employeeId(), i.occurredAt()),
            new EmployeeYear(null, i.attendance().getSessionJp(), 1, 0),
            ReferenceModel::sum);
      }
    }
    final Map<String, EmployeeYear> out = new TreeMap<>();
    years.forEach(
        (key, year) -> {
          final String employee = key.substring(0, key.lastIndexOf('|'));
          final String placed = unitOf(employee, clock, Long.MAX_VALUE);
          out.put(
              key,
              new EmployeeYear(
                  placed != null ? placed : lastUnit.get(key),
                  year.jpTotal(),
                  year.sessionsAttended(),
                  year.programsCompleted()));
        });
    return out;
  }

  /** The employee years without the clock: placed as of the greatest clock given. */
  Map<String, EmployeeYear> employeeYears() {
    return employeeYears(clocks.isEmpty() ? lastEventTime() : clocks.last());
  }

  private boolean yearOpenAt(final Input i) {
    return !closedAtArrival(yearEnd(i.occurredAt()), i.arrival());
  }

  /**
   * Expected year-to-date records of every unit as of {@code asOf} for the year holding it, from
   * the inputs that arrived before the clock reached {@code asOf}: the active employees placed in
   * the subtree at asOf, each with their whole year's JP wherever they earned it.
   */
  List<UnitYear> unitYears(final Instant asOf) {
    final int year = asOf.atZone(WIB).getYear();
    final long cutoff = seqBeforeClock(asOf);
    final Map<String, Double> jp = new HashMap<>();
    for (final Input i : attendanceBefore(cutoff)) {
      if (i.credited() && yearOpenAt(i) && i.occurredAt().atZone(WIB).getYear() == year) {
        jp.merge(i.employeeId(), i.attendance().getSessionJp(), Double::sum);
      }
    }
    final Map<String, WorkUnit> view = unitsSeenByClock(asOf);
    final Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(WIB).toInstant();
    final Instant yearEnd = LocalDate.of(year + 1, 1, 1).atStartOfDay(WIB).toInstant();
    final double expected =
        (double) Duration.between(yearStart, asOf).toMillis()
            / Duration.between(yearStart, yearEnd).toMillis();
    final List<UnitYear> out = new ArrayList<>();
    for (final WorkUnit unit : view.values()) {
      final Set<String> subtree = subtree(view, unit.getUnitId());
      int headcount = 0;
      int withJp = 0;
      int meeting = 0;
      double total = 0;
      for (final String employee : roster.keySet()) {
        if (!subtree.contains(unitOf(employee, asOf, cutoff))) {
          continue;
        }
        headcount++;
        final double mine = jp.getOrDefault(employee, 0.0);
        total += mine;
        withJp += mine > 0 ? 1 : 0;
        meeting += mine >= targetJp ? 1 : 0;
      }
      out.add(
          new UnitYear(
              unit.getUnitId(),
              unit.getName(),
              unit.getParentUnitId(),
              depth(view, unit.getUnitId()),
              children(view, unit.getUnitId()).isEmpty(),
              year,
              asOf,
              headcount,
              targetJp,
              meeting,
              Math.max(0, headcount - withJp),
              total,
              ratio(total, headcount),
              ratio(meeting, headcount),
              expected));
    }
    return out;
  }

  /**
   * Every alert record expected when the given weeks closed, in order, per key {@code unitId|RULE}.
   * Each week is judged at the first clock given at or after its end plus grace: the unit's FINAL
   * week figures, and its year-to-date figures as of that clock.
   */
  Map<String, List<Alert>> alerts(final List<Instant> closedWeeks) {
    return alerts(
        closedWeeks,
        end -> {
          final Instant closedAt = clocks.ceiling(end.plus(grace));
          if (closedAt == null) {
            throw new IllegalStateException("no clock given at which week " + end + " closed");
          }
          return closedAt;
        },
        rule -> true);
  }

  /**
   * The alert records of the rules judged on the FINAL week figures alone: every rule but
   * JP_BEHIND_PACE, which reads the year-to-date figures as of the clock at which the week closed.
   * For a scenario that does not pin that clock (CrashIT streams its input while it kills the app).
   */
  Map<String, List<Alert>> weekFigureAlerts(final List<Instant> closedWeeks) {
    return alerts(closedWeeks, end -> end.plus(grace), rule -> rule != AlertRule.JP_BEHIND_PACE);
  }

  private Map<String, List<Alert>> alerts(
      final List<Instant> closedWeeks,
      final java.util.function.UnaryOperator<Instant> closeClock,
      final java.util.function.Predicate<AlertRule> rules) {
    final Map<String, List<Alert>> out = new TreeMap<>();
    final Map<String, UnitAlerts> states = new HashMap<>();
    for (final Instant start : closedWeeks) {
      final Instant end = windowEnd("WEEK", start);
      final Instant closedAt = closeClock.apply(end);
      final Map<String, UnitYear> years = new HashMap<>();
      unitYears(closedAt).forEach(y -> years.put(y.unitId(), y));
      final Map<String, WorkUnit> view = unitsSeenBy(end);
      for (final UnitWindow week : finalRecords("WEEK", start)) {
        final UnitAlerts state = states.computeIfAbsent(week.unitId(), k -> new UnitAlerts());
        final List<Alert> written =
            view.get(week.unitId()).getActive()
                ? state.judge(week, years.get(week.unitId()))
                : state.withdraw(week);
        for (final Alert alert : written) {
          if (rules.test(alert.rule())) {
            out.computeIfAbsent(alert.key(), k -> new ArrayList<>()).add(alert);
          }
        }
      }
    }
    return out;
  }

  /**
   * One unit's alert rules over the weeks (CONTRACT.md section 5, "Alerts"): FIRING when a rule's
   * condition starts, RESOLVED when it ends or can no longer be judged; nothing while it lasts.
   */
  private final class UnitAlerts {
    private final Map<AlertRule, Alert> open = new EnumMap<>(AlertRule.class);
    private int silentWeeks;

    List<Alert> judge(final UnitWindow week, final UnitYear year) {
      final boolean silent = week.present() + week.late() + week.absent() + week.excused() == 0;
      silentWeeks = silent ? silentWeeks + 1 : 0;
      final boolean cohort = week.headcount() >= thresholds.minCohort();
      final List<Alert> written = new ArrayList<>();
      // LOW_PARTICIPATION, LOW_ATTENDANCE, LOW_SATISFACTION, NO_ACTIVITY: weekly, cohort only
      reading(
          week,
          AlertRule.LOW_PARTICIPATION,
          cohort ? week.participationRate() : null,
          thresholds.lowParticipationRate(),
          written);
      reading(
          week,
          AlertRule.LOW_ATTENDANCE,
          cohort ? week.attendanceRate() : null,
          thresholds.lowAttendanceRate(),
          written);
      reading(
          week,
          AlertRule.LOW_SATISFACTION,
          cohort && !week.satisfactionSuppressed() ? week.satisfactionIndex() : null,
          thresholds.lowSatisfactionIndex(),
          written);
      if (!cohort) {
        unjudged(week, AlertRule.NO_ACTIVITY, written);
      } else {
        final boolean critical = silentWeeks >= thresholds.noActivityCriticalWeeks();
        decide(
            week,
            AlertRule.NO_ACTIVITY,
            silentWeeks > 0,
            critical ? Severity.CRITICAL : Severity.WARNING,
            (double) silentWeeks,
            critical ? thresholds.noActivityCriticalWeeks() : 1,
            written);
      }
      // JP_BEHIND_PACE: a year-to-date figure, judged for every unit whatever its headcount
      final Double attainment = year == null ? null : year.attainmentRatio();
      if (attainment == null) {
        unjudged(week, AlertRule.JP_BEHIND_PACE, written);
      } else {
        final double line = year.expectedAttainment() - thresholds.jpBehindPaceMargin();
        decide(
            week,
            AlertRule.JP_BEHIND_PACE,
            attainment < line,
            Severity.WARNING,
            attainment,
            line,
            written);
      }
      return written;
    }

    /** The unit is inactive: every open alert is RESOLVED, and the silent streak starts over. */
    List<Alert> withdraw(final UnitWindow week) {
      final List<Alert> written = new ArrayList<>();
      for (final AlertRule rule : AlertRule.values()) {
        unjudged(week, rule, written);
      }
      silentWeeks = 0;
      return written;
    }

    private void reading(
        final UnitWindow week,
        final AlertRule rule,
        final Double value,
        final double threshold,
        final List<Alert> written) {
      if (value == null) {
        unjudged(week, rule, written);
      } else {
        decide(week, rule, value < threshold, Severity.WARNING, value, threshold, written);
      }
    }

    private void decide(
        final UnitWindow week,
        final AlertRule rule,
        final boolean breached,
        final Severity severity,
        final Double value,
        final double threshold,
        final List<Alert> written) {
      final Alert current = open.get(rule);
      if (breached) {
        if (current != null && current.severity() == severity) {
          return;
        }
        // a new alert is named after the week it started; an escalation keeps the name
        final String id =
            current != null
                ? current.alertId()
                : week.unitId()
                    + "|"
                    + rule.name()
                    + "|"
                    + LocalDate.ofInstant(week.windowStart(), WIB);
        final Alert firing = alert(week, id, rule, severity, AlertState.FIRING, value, threshold);
        open.put(rule, firing);
        written.add(firing);
      } else if (current != null) {
        open.remove(rule);
        written.add(
            alert(
                week,
                current.alertId(),
                rule,
                current.severity(),
                AlertState.RESOLVED,
                value,
                threshold));
      }
    }

    /** A rule that cannot be judged RESOLVES its open alert: value null, its set threshold. */
    private void unjudged(final UnitWindow week, final AlertRule rule, final List<Alert> written) {
      final Alert current = open.remove(rule);
      if (current != null) {
        written.add(
            alert(
                week,
                current.alertId(),
                rule,
                current.severity(),
                AlertState.RESOLVED,
                null,
                configured(rule, current.severity())));
      }
    }

    private double configured(final AlertRule rule, final Severity severity) {
      return switch (rule) {
        case LOW_PARTICIPATION -> thresholds.lowParticipationRate();
        case LOW_ATTENDANCE -> thresholds.lowAttendanceRate();
        case LOW_SATISFACTION -> thresholds.lowSatisfactionIndex();
        case NO_ACTIVITY ->
            severity == Severity.CRITICAL ? thresholds.noActivityCriticalWeeks() : 1;
        case JP_BEHIND_PACE -> thresholds.jpBehindPaceMargin();
      };
    }

    private Alert alert(
        final UnitWindow week,
        final String id,
        final AlertRule rule,
        final Severity severity,
        final AlertState state,
        final Double value,
        final double threshold) {
      return new Alert(
          id,
          week.unitId(),
          week.unitName(),
          rule,
          severity,
          state,
          week.windowStart(),
          week.windowEnd(),
          value,
          threshold);
    }
  }

  /** Active employees whose roster version in force at {@code time} is in the subtree. */
  private int headcount(final Set<String> subtree, final Instant time, final long cutoff) {
    int count = 0;
    for (final String employee : roster.keySet()) {
      if (subtree.contains(unitOf(employee, time, cutoff))) {
        count++;
      }
    }
    return count;
  }

  /** The employee's unit at {@code time}, or null when not in the roster (or inactive) then. */
  String unitOf(final String employee, final Instant time) {
    return unitOf(employee, time, Long.MAX_VALUE);
  }

  /** The same, as the roster stood with the versions numbered below {@code cutoff}. */
  private String unitOf(final String employee, final Instant time, final long cutoff) {
    Version best = null;
    for (final Version v : roster.getOrDefault(employee, List.of())) {
      final Instant from = v.employee().getEffectiveFrom();
      // a later version at the same effectiveFrom is a correction: it replaces the earlier one
      if (v.seq() < cutoff
          && !from.isAfter(time)
          && (best == null || !from.isBefore(best.employee().getEffectiveFrom()))) {
        best = v;
      }
    }
    return best == null || !best.employee().getActive() ? null : best.employee().getUnitId();
  }

  /** The first sequence number of the inputs that arrived after the window ending then closed. */
  private long seqBefore(final Instant windowEnd) {
    long limit = Long.MAX_VALUE;
    for (final List<Version> versions : roster.values()) {
      for (final Version v : versions) {
        if (closedAtArrival(windowEnd, v.arrival())) {
          limit = Math.min(limit, v.seq());
        }
      }
    }
    for (final Input i : inputs) {
      if (closedAtArrival(windowEnd, i.arrival())) {
        limit = Math.min(limit, i.seq());
      }
    }
    return limit;
  }

  /** The first sequence number of the inputs that arrived once the clock had reached it. */
  private long seqBeforeClock(final Instant clock) {
    return seqBefore(clock.minus(grace));
  }

  private Map<String, WorkUnit> unitsSeenBy(final Instant windowEnd) {
    final Map<String, WorkUnit> view = new TreeMap<>();
    for (final UnitVersion v : units) {
      if (!closedAtArrival(windowEnd, v.arrival())) {
        view.put(v.unit().getUnitId(), v.unit());
      }
    }
    return view;
  }

  private Map<String, WorkUnit> unitsSeenByClock(final Instant clock) {
    return unitsSeenBy(clock.minus(grace));
  }

  private static Set<String> subtree(final Map<String, WorkUnit> view, final String unitId) {
    final Set<String> out = new HashSet<>();
    final List<String> todo = new ArrayList<>(List.of(unitId));
    while (!todo.isEmpty()) {
      final String next = todo.remove(todo.size() - 1);
      if (out.add(next)) {
        todo.addAll(children(view, next));
      }
    }
    return out;
  }

  private static List<String> children(final Map<String, WorkUnit> view, final String unitId) {
    final List<String> out = new ArrayList<>();
    for (final WorkUnit u : view.values()) {
      if (unitId.equals(u.getParentUnitId())) {
        out.add(u.getUnitId());
      }
    }
    return out;
  }

  private static int depth(final Map<String, WorkUnit> view, final String unitId) {
    int depth = 0;
    String parent = view.get(unitId).getParentUnitId();
    while (parent != null && view.containsKey(parent)) {
      depth++;
      parent = view.get(parent).getParentUnitId();
    }
    return depth;
  }

  /** The greatest occurredAt of all events: the clock of the stage that counts them. */
  Instant lastEventTime() {
    return allEventTimes().stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  private List<Instant> allEventTimes() {
    final List<Instant> times = new ArrayList<>();
    inputs.forEach(i -> times.add(i.occurredAt()));
    return times;
  }

  /** The employees of the roster, for a scenario that picks some. */
  Set<String> employees() {
    return new TreeSet<>(roster.keySet());
  }

  private static String yearKey(final String employee, final Instant t) {
    return employee + "|" + t.atZone(WIB).getYear();
  }

  private static EmployeeYear sum(final EmployeeYear a, final EmployeeYear b) {
    return new EmployeeYear(
        a.unitId(),
        a.jpTotal() + b.jpTotal(),
        a.sessionsAttended() + b.sessionsAttended(),
        a.programsCompleted() + b.programsCompleted());
  }

  private static Instant yearEnd(final Instant t) {
    return LocalDate.of(t.atZone(WIB).getYear() + 1, 1, 1).atStartOfDay(WIB).toInstant();
  }

  static Instant windowStart(final String size, final Instant t) {
    final LocalDate date = LocalDate.ofInstant(t, WIB);
    final LocalDate start =
        size.equals("DAY") ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return start.atStartOfDay(WIB).toInstant();
  }

  static Instant windowEnd(final String size, final Instant start) {
    final LocalDate date = LocalDate.ofInstant(start, WIB);
    return (size.equals("DAY") ? date.plusDays(1) : date.plusWeeks(1))
        .atStartOfDay(WIB)
        .toInstant();
  }

  private static boolean in(final Instant t, final Instant start, final Instant end) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  private static Double ratio(final double numerator, final double denominator) {
    return denominator == 0 ? null : numerator / denominator;
  }
}
