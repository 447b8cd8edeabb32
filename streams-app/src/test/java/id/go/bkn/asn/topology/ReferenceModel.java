package id.go.bkn.asn.topology;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent, plain-Java statement of CONTRACT.md section 5 for the integration tests: given
 * every unit, roster version and event, it computes the FINAL unit figures by brute force (no
 * Kafka, no stores, none of the topology's classes), so that the topology's output can be compared
 * with it field by field. Deliberately naive: clarity over speed.
 */
final class ReferenceModel {

  static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

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

  private final Map<String, WorkUnit> units = new HashMap<>();
  private final Map<String, List<Employee>> roster = new HashMap<>();
  private final List<EnrollmentEvent> enrollments = new ArrayList<>();
  private final List<AttendanceEvent> attendance = new ArrayList<>();
  private final List<FeedbackEvent> feedback = new ArrayList<>();
  private final int minResponses;

  ReferenceModel(final int minResponses) {
    this.minResponses = minResponses;
  }

  void unit(final WorkUnit unit) {
    units.put(unit.getUnitId(), unit);
  }

  void employee(final Employee version) {
    roster.computeIfAbsent(version.getEmployeeId(), k -> new ArrayList<>()).add(version);
  }

  void enrollment(final EnrollmentEvent e) {
    enrollments.add(e);
  }

  /**
   * One fact per employee, run and session: a later record replaces the earlier one (a correction;
   * a replay replaces it by the same). Valid while the fact's windows are open, which is all this
   * model knows of.
   */
  void attendance(final AttendanceEvent e) {
    attendance.removeIf(
        a ->
            a.getEmployeeId().equals(e.getEmployeeId())
                && a.getRunId().equals(e.getRunId())
                && a.getSessionId().equals(e.getSessionId()));
    attendance.add(e);
  }

  void feedback(final FeedbackEvent e) {
    feedback.add(e);
  }

  /** Windows of {@code size} ("DAY" or "WEEK") from the first event's to the last one closed. */
  List<Instant> closedWindowStarts(final String size, final Instant clock, final Duration grace) {
    final Instant first = allEventTimes().stream().min(Comparator.naturalOrder()).orElseThrow();
    final List<Instant> starts = new ArrayList<>();
    for (Instant start = windowStart(size, first);
        !windowEnd(size, start).plus(grace).isAfter(clock);
        start = windowEnd(size, start)) {
      starts.add(start);
    }
    return starts;
  }

  /** The expected FINAL record of every unit for the window of {@code size} starting at start. */
  List<UnitWindow> finalRecords(final String size, final Instant start) {
    final Instant end = windowEnd(size, start);
    final List<UnitWindow> out = new ArrayList<>();
    for (final WorkUnit unit : units.values()) {
      out.add(figures(unit, size, start, end));
    }
    return out;
  }

  private UnitWindow figures(
      final WorkUnit unit, final String size, final Instant start, final Instant end) {
    final Set<String> subtree = subtree(unit.getUnitId());
    int enrolled = 0;
    int withdrawn = 0;
    int completed = 0;
    for (final EnrollmentEvent e : enrollments) {
      if (in(e.getOccurredAt(), start, end)
          && subtree.contains(unitOf(e.getEmployeeId(), e.getOccurredAt()))) {
        switch (e.getAction()) {
          case ENROLLED -> enrolled++;
          case WITHDRAWN -> withdrawn++;
          case COMPLETED -> completed++;
          default -> throw new IllegalStateException();
        }
      }
    }
    final Set<String> participants = new HashSet<>();
    final int[] statuses = new int[4];
    double jp = 0;
    for (final AttendanceEvent e : attendance) {
      if (in(e.getOccurredAt(), start, end)
          && subtree.contains(unitOf(e.getEmployeeId(), e.getOccurredAt()))) {
        statuses[e.getStatus().ordinal()]++;
        if (e.getStatus() == AttendanceStatus.PRESENT || e.getStatus() == AttendanceStatus.LATE) {
          participants.add(e.getEmployeeId());
          jp += e.getSessionJp();
        }
      }
    }
    final Set<String> respondents = new HashSet<>();
    int responses = 0;
    int overallSum = 0;
    int careerCount = 0;
    int careerSum = 0;
    int recommendCount = 0;
    int promoters = 0;
    int detractors = 0;
    for (final FeedbackEvent f : feedback) {
      if (f.getEmployeeId() == null
          || !in(f.getOccurredAt(), start, end)
          || !subtree.contains(unitOf(f.getEmployeeId(), f.getOccurredAt()))) {
        continue;
      }
      responses++;
      respondents.add(f.getEmployeeId());
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
    final int headcount = headcount(subtree, end);
    // participationRate's denominator: the headcount plus the participants who left the subtree
    int departed = 0;
    for (final String employee : participants) {
      if (!subtree.contains(unitOf(employee, end.minusMillis(1)))) {
        departed++;
      }
    }
    // responseRate's: everyone who took part or answered
    final Set<String> engaged = new HashSet<>(participants);
    engaged.addAll(respondents);
    final int present = statuses[AttendanceStatus.PRESENT.ordinal()];
    final int late = statuses[AttendanceStatus.LATE.ordinal()];
    final int absent = statuses[AttendanceStatus.ABSENT.ordinal()];
    final boolean suppressed = responses < minResponses;
    final Double mean = suppressed ? null : (double) overallSum / responses;
    return new UnitWindow(
        unit.getUnitId(),
        unit.getName(),
        unit.getParentUnitId(),
        depth(unit.getUnitId()),
        children(unit.getUnitId()).isEmpty(),
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
        responses,
        ratio(respondents.size(), engaged.size()),
        suppressed,
        mean,
        mean == null ? null : mean * 20,
        suppressed || careerCount == 0 ? null : (double) careerSum / careerCount,
        suppressed || recommendCount == 0
            ? null
            : 100.0 * (promoters - detractors) / recommendCount);
  }

  /** Active employees whose roster version in force at the window end is in the subtree. */
  private int headcount(final Set<String> subtree, final Instant windowEnd) {
    int count = 0;
    for (final String employee : roster.keySet()) {
      final Employee version = versionAt(employee, windowEnd.minusMillis(1));
      if (version != null && version.getActive() && subtree.contains(version.getUnitId())) {
        count++;
      }
    }
    return count;
  }

  /** The employee's unit at {@code time}, or null when not in the roster (or inactive) then. */
  String unitOf(final String employee, final Instant time) {
    final Employee version = versionAt(employee, time);
    return version == null || !version.getActive() ? null : version.getUnitId();
  }

  private Employee versionAt(final String employee, final Instant time) {
    Employee best = null;
    for (final Employee v : roster.getOrDefault(employee, List.of())) {
      if (!v.getEffectiveFrom().isAfter(time)
          && (best == null || !v.getEffectiveFrom().isBefore(best.getEffectiveFrom()))) {
        best = v;
      }
    }
    return best;
  }

  private Set<String> subtree(final String unitId) {
    final Set<String> out = new HashSet<>();
    final List<String> todo = new ArrayList<>(List.of(unitId));
    while (!todo.isEmpty()) {
      final String next = todo.remove(todo.size() - 1);
      if (out.add(next)) {
        todo.addAll(children(next));
      }
    }
    return out;
  }

  private List<String> children(final String unitId) {
    final List<String> out = new ArrayList<>();
    for (final WorkUnit u : units.values()) {
      if (unitId.equals(u.getParentUnitId())) {
        out.add(u.getUnitId());
      }
    }
    return out;
  }

  private int depth(final String unitId) {
    int depth = 0;
    String parent = units.get(unitId).getParentUnitId();
    while (parent != null && units.containsKey(parent)) {
      depth++;
      parent = units.get(parent).getParentUnitId();
    }
    return depth;
  }

  /** The greatest occurredAt of all events: the clock of the stage that counts them. */
  Instant lastEventTime() {
    return allEventTimes().stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  private List<Instant> allEventTimes() {
    final List<Instant> times = new ArrayList<>();
    enrollments.forEach(e -> times.add(e.getOccurredAt()));
    attendance.forEach(e -> times.add(e.getOccurredAt()));
    feedback.forEach(e -> times.add(e.getOccurredAt()));
    return times;
  }

  /** The expected year-to-date figures of one employee. */
  record EmployeeYear(double jpTotal, int sessionsAttended, int programsCompleted) {}

  /**
   * Expected year-to-date figures per {@code employeeId|year}: credited JP and sessions over
   * PRESENT and LATE attendance, and COMPLETED enrolments, of events whose employee was in the
   * roster at the time (an employee with only a completion has a record too, with 0 JP).
   */
  Map<String, EmployeeYear> employeeYears() {
    final Map<String, EmployeeYear> years = new TreeMap<>();
    for (final AttendanceEvent e : attendance) {
      if ((e.getStatus() == AttendanceStatus.PRESENT || e.getStatus() == AttendanceStatus.LATE)
          && unitOf(e.getEmployeeId(), e.getOccurredAt()) != null) {
        years.merge(
            yearKey(e.getEmployeeId(), e.getOccurredAt()),
            new EmployeeYear(e.getSessionJp(), 1, 0),
            ReferenceModel::sum);
      }
    }
    for (final EnrollmentEvent e : enrollments) {
      if (e.getAction() == id.go.bkn.asn.schema.EnrollmentAction.COMPLETED
          && unitOf(e.getEmployeeId(), e.getOccurredAt()) != null) {
        years.merge(
            yearKey(e.getEmployeeId(), e.getOccurredAt()),
            new EmployeeYear(0, 0, 1),
            ReferenceModel::sum);
      }
    }
    return years;
  }

  private static String yearKey(final String employee, final Instant t) {
    return employee + "|" + t.atZone(WIB).getYear();
  }

  private static EmployeeYear sum(final EmployeeYear a, final EmployeeYear b) {
    return new EmployeeYear(
        a.jpTotal() + b.jpTotal(),
        a.sessionsAttended() + b.sessionsAttended(),
        a.programsCompleted() + b.programsCompleted());
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
