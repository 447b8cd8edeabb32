package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Every event of one run (angkatan) of a programme: enrolments before it starts, attendance at each
 * session, withdrawals, completions after the last session, then feedback. The whole run is decided
 * when it is planned and held as one sorted {@code long[]}, each event packed as its time offset
 * and a small descriptor, so a run costs one array and emitting an event costs no search and no
 * allocation but the record itself. Field values of feedback are drawn at emission from the run's
 * own random stream, so each run is reproducible whatever else happens around it.
 */
final class RunTimeline implements Timeline {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  // Packing: time offset (ms, 35 bits) | kind (3) | participant (13) | session (10) | status (2).
  private static final int TIME_SHIFT = 28;
  private static final int KIND_SHIFT = 25;
  private static final int PARTICIPANT_SHIFT = 12;
  private static final int SESSION_SHIFT = 2;
  private static final long MAX_OFFSET = (1L << 35) - 1;
  static final int MAX_PARTICIPANTS = 1 << 13;
  static final int MAX_SESSIONS = 1 << 10;

  private static final int ENROLLED = 0;
  private static final int ATTENDED = 1;
  private static final int WITHDRAWN = 2;
  private static final int COMPLETED = 3;
  private static final int FEEDBACK = 4;

  private static final AttendanceStatus[] STATUSES = AttendanceStatus.values();

  private final SimulationState state;
  private final ProgramSpec spec;
  private final String programId;
  private final String runId;
  private final String[] sessionIds;
  private final Double sessionJp;
  private final int[] participants;
  private final double runQuality;
  private final SplittableRandom rng;
  private final long ordinal;
  private final long base;
  private final long[] packed;
  private int cursor;

  private RunTimeline(
      final SimulationState state,
      final ProgramSpec spec,
      final String runId,
      final int[] participants,
      final double runQuality,
      final SplittableRandom rng,
      final long base,
      final long[] packed) {
    this.state = state;
    this.spec = spec;
    this.programId = spec.id();
    this.runId = runId;
    this.sessionIds = new String[spec.pattern().sessions()];
    for (int s = 0; s < sessionIds.length; s++) {
      sessionIds[s] = runId + "-S" + (s < 9 ? "0" : "") + (s + 1);
    }
    this.sessionJp = spec.pattern().sessionJp();
    this.participants = participants;
    this.runQuality = runQuality;
    this.rng = rng;
    this.ordinal = state.nextOrdinal();
    this.base = base;
    this.packed = packed;
    // Events before the simulation's start already happened: the stream joins mid-run.
    while (cursor < packed.length && nextTime() < state.fromMillis) {
      cursor++;
    }
  }

  /**
   * Plans a run starting on a working day: lays out its sessions, fills its seats and decides every
   * participant's path through it.
   *
   * @param enrolOpen when enrolment opens (epoch millis), or -1 for two weeks before the start
   * @return the run, or null when it has no seats filled or nothing left to emit
   */
  static RunTimeline plan(
      final SimulationState state,
      final ProgramSpec spec,
      final String runId,
      final LocalDate startDay,
      final long enrolOpen,
      final SplittableRandom rng) {
    final SessionPattern pattern = spec.pattern();
    final WorkingCalendar calendar = state.calendar;
    final int sessions = pattern.sessions();
    final long[] starts = new long[sessions];
    final long[] ends = new long[sessions];
    // Full-day sessions start at office opening; short ones anywhere from 08:00 to 13:00.
    final int startMinute =
        pattern.sessionJp() >= 6
            ? WorkingCalendar.OFFICE_OPEN_MINUTE
            : 8 * 60 + 60 * rng.nextInt(6);
    final long duration =
        Math.round(pattern.sessionJp() * 45 * MINUTE) + (pattern.sessionJp() >= 6 ? HOUR : 0);
    LocalDate day = startDay;
    int s = 0;
    for (int b = 0; b < pattern.blocks(); b++) {
      for (int j = 0; j < pattern.sessionsPerBlock(); j++) {
        if (s > 0) {
          day =
              j == 0
                  ? calendar.workingDayOnOrAfter(day.plusWeeks(pattern.weeksBetweenBlocks()))
                  : calendar.plusWorkingDays(day, pattern.workingDaysBetween());
        }
        starts[s] = WorkingCalendar.millisAt(day, startMinute);
        ends[s] = starts[s] + duration;
        s++;
      }
    }
    final long first = starts[0];
    final long last = ends[sessions - 1];
    final int seats = spec.minSeats() + rng.nextInt(spec.maxSeats() - spec.minSeats() + 1);
    final int[] chosen =
        state.pools.fill(spec.audience(), seats, first, last, pattern.occupiesAttendees(), rng);
    if (chosen.length == 0) {
      return null;
    }
    final long open = enrolOpen < 0 ? first - 14 * DAY : Math.min(enrolOpen, first - HOUR);
    final long base = open - HOUR;
    final Packer packer = new Packer(base, chosen.length * (sessions + 4));
    final int completionNeeds = (int) Math.ceil(0.75 * sessions);
    for (int i = 0; i < chosen.length; i++) {
      final UnitProfile profile = state.profileOf(chosen[i]);
      final long enrolled = officeTimeBetween(calendar, open, first - HOUR, rng);
      packer.add(enrolled, ENROLLED, i, 0, 0);
      final double withdrawRisk =
          Math.min(0.15, 0.02 + 0.004 * sessions)
              * (profile.role() == UnitProfile.Role.LAGGING ? 2 : 1);
      final int withdrawBefore = rng.nextDouble() < withdrawRisk ? rng.nextInt(sessions) : sessions;
      int attended = 0;
      for (int k = 0; k < withdrawBefore; k++) {
        final int status = status(profile, rng);
        packer.add(attendanceTime(status, starts[k], ends[k], rng), ATTENDED, i, k, status);
        if (status <= 1) {
          attended++;
        }
      }
      if (withdrawBefore < sessions) {
        final long lower = (withdrawBefore == 0 ? enrolled : ends[withdrawBefore - 1]) + MINUTE;
        final long upper = starts[withdrawBefore] - MINUTE;
        packer.add(upper > lower ? lower + rng.nextLong(upper - lower) : lower, WITHDRAWN, i, 0, 0);
      } else if (attended >= completionNeeds) {
        final long completed = after(calendar, last, 3, 2 * HOUR, rng);
        packer.add(completed, COMPLETED, i, 0, 0);
        if (rng.nextDouble() < profile.responseRate()) {
          packer.add(after(calendar, completed, 6, 4 * HOUR, rng), FEEDBACK, i, 0, 0);
        }
      }
    }
    final long[] packed = packer.sorted();
    final double runQuality = spec.quality() + 0.2 * rng.nextGaussian();
    final RunTimeline run =
        new RunTimeline(state, spec, runId, chosen, runQuality, rng, base, packed);
    return run.hasNext() ? run : null;
  }

  @Override
  public long nextTime() {
    return base + (packed[cursor] >>> TIME_SHIFT);
  }

  @Override
  public boolean hasNext() {
    return cursor < packed.length;
  }

  @Override
  public long ordinal() {
    return ordinal;
  }

  @Override
  public boolean emitNext(final SimulationSink sink) {
    final long value = packed[cursor];
    final Instant at = Instant.ofEpochMilli(nextTime());
    cursor++;
    final int kind = (int) (value >>> KIND_SHIFT) & 0x7;
    final int employee = participants[(int) (value >>> PARTICIPANT_SHIFT) & (MAX_PARTICIPANTS - 1)];
    final String employeeId = state.employeeIds[employee];
    switch (kind) {
      case ENROLLED -> sink.enrollment(enrollment(employeeId, EnrollmentAction.ENROLLED, at));
      case WITHDRAWN -> sink.enrollment(enrollment(employeeId, EnrollmentAction.WITHDRAWN, at));
      case COMPLETED -> sink.enrollment(enrollment(employeeId, EnrollmentAction.COMPLETED, at));
      case ATTENDED -> {
        final int session = (int) (value >>> SESSION_SHIFT) & (MAX_SESSIONS - 1);
        sink.attendance(
            new AttendanceEvent(
                state.eventIds.next(),
                employeeId,
                programId,
                runId,
                sessionIds[session],
                STATUSES[(int) (value & 0x3)],
                sessionJp,
                at,
                SimulationState.SOURCE));
      }
      case FEEDBACK -> sink.feedback(feedback(employee, employeeId, at));
      default -> throw new IllegalStateException("unknown event kind " + kind);
    }
    return true;
  }

  private EnrollmentEvent enrollment(
      final String employeeId, final EnrollmentAction action, final Instant at) {
    return new EnrollmentEvent(
        state.eventIds.next(), employeeId, programId, runId, action, at, SimulationState.SOURCE);
  }

  private FeedbackEvent feedback(final int employee, final String employeeId, final Instant at) {
    final double mean = runQuality + state.profileOf(employee).ratingBias();
    final int overall = clamp(Math.round(mean + 0.7 * rng.nextGaussian()), 1, 5);
    Integer career = null;
    if (rng.nextDouble() < spec.asksCareer() && rng.nextDouble() >= 0.05) {
      // The seed names low perceived career impact as the main motivation problem.
      career = clamp(Math.round(mean - 0.4 + 0.8 * rng.nextGaussian()), 1, 5);
    }
    Integer recommend = null;
    if (rng.nextDouble() < spec.asksRecommend() && rng.nextDouble() >= 0.05) {
      recommend = clamp(Math.round(2.0 * overall - 0.5 + 1.3 * rng.nextGaussian()), 0, 10);
    }
    final String comment = rng.nextDouble() < 0.2 ? FeedbackComments.pick(overall, rng) : null;
    final String respondent = rng.nextDouble() < spec.anonymousShare() ? null : employeeId;
    return new FeedbackEvent(
        state.eventIds.next(),
        respondent,
        programId,
        runId,
        overall,
        career,
        recommend,
        comment,
        at,
        SimulationState.SOURCE);
  }

  /** 0 PRESENT, 1 LATE, 2 ABSENT, 3 EXCUSED, by the unit's shares. */
  private static int status(final UnitProfile profile, final SplittableRandom rng) {
    final double u = rng.nextDouble();
    if (u < profile.absentShare()) {
      return 2;
    }
    if (u < profile.absentShare() + profile.excusedShare()) {
      return 3;
    }
    if (u < profile.absentShare() + profile.excusedShare() + profile.lateShare()) {
      return 1;
    }
    return 0;
  }

  /**
   * When attendance is recorded: check-in shortly before the start, late arrivals 15-75 minutes in,
   * absences when the register closes after the session, excuses in the hour before.
   */
  private static long attendanceTime(
      final int status, final long start, final long end, final SplittableRandom rng) {
    return switch (status) {
      case 0 -> start - rng.nextLong(20 * MINUTE);
      case 1 -> start + 15 * MINUTE + rng.nextLong(60 * MINUTE);
      case 2 -> end + rng.nextLong(30 * MINUTE);
      default -> start - rng.nextLong(HOUR);
    };
  }

  /** An office-hours time in [lower, upper], or uniform in it when no office hours fall there. */
  private static long officeTimeBetween(
      final WorkingCalendar calendar,
      final long lower,
      final long upper,
      final SplittableRandom rng) {
    if (upper <= lower) {
      return upper;
    }
    final LocalDate first = JakartaCalendar.dateOf(Instant.ofEpochMilli(lower));
    final LocalDate last = JakartaCalendar.dateOf(Instant.ofEpochMilli(upper));
    final long t = calendar.randomOfficeTime(first, last, rng);
    return t >= lower && t <= upper ? t : lower + rng.nextLong(upper - lower);
  }

  /** An office-hours time within the next days after t, or shortly after t. */
  private static long after(
      final WorkingCalendar calendar,
      final long t,
      final int days,
      final long fallback,
      final SplittableRandom rng) {
    final LocalDate day = JakartaCalendar.dateOf(Instant.ofEpochMilli(t));
    final long candidate = calendar.randomOfficeTime(day, day.plusDays(days), rng);
    return candidate > t ? candidate : t + 5 * MINUTE + rng.nextLong(fallback);
  }

  private static int clamp(final long value, final int min, final int max) {
    return (int) Math.max(min, Math.min(max, value));
  }

  /** Builds the packed, sorted event array of a run. */
  private static final class Packer {
    private final long base;
    private long[] values;
    private int size;

    Packer(final long base, final int capacity) {
      this.base = base;
      this.values = new long[Math.max(16, capacity)];
    }

    void add(
        final long time,
        final int kind,
        final int participant,
        final int session,
        final int status) {
      final long offset = time - base;
      if (offset < 0 || offset > MAX_OFFSET) {
        throw new IllegalStateException("event time outside its run's range: " + offset);
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] =
          offset << TIME_SHIFT
              | (long) kind << KIND_SHIFT
              | (long) participant << PARTICIPANT_SHIFT
              | (long) session << SESSION_SHIFT
              | status;
    }

    long[] sorted() {
      final long[] result = Arrays.copyOf(values, size);
      Arrays.sort(result);
      return result;
    }
  }
}
