package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The national profile's generator: the units of {@link NationalReference}, its roster streamed
 * employee by employee (never held in memory), the programme catalogue, then training events at the
 * national rate (about 120 million a year at full size) in simulated-time order. Events are a
 * Poisson process whose rate follows the working week (Monday to Friday, 07:00 to 17:00 WIB) and
 * the budget year (a Q4 peak when the year's trainings close, a slow January); each picks an
 * employee uniformly and keeps them with their tree's propensity, so trees differ. 70 % are
 * attendance, 20 % enrolments, 10 % feedback (a tenth of it anonymous). The same config gives the
 * same records. Not thread-safe: one driver thread.
 */
public final class NationalSimulation implements Simulation {

  /** Share of the week's hours that are working hours (50 of 168). */
  private static final double WORKING_SHARE = 50.0 / 168.0;

  private final NationalConfig config;
  private final NationalReference reference;
  private final SimulationSink sink;
  private final List<TrainingProgram> programs;
  private final SplittableRandom rng;
  private final double peakRate;
  private final String idPrefix;
  private boolean referenceEmitted;
  private long next;
  private long reached;
  private long counter;

  private NationalSimulation(
      final NationalConfig config, final NationalReference reference, final SimulationSink sink) {
    this.config = config;
    this.reference = reference;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.programs = ProgramCatalog.kotaSerang().stream().map(ProgramSpec::program).toList();
    this.rng = Seeds.random(config.seed(), Seeds.RUNS, 17);
    // The largest factor rate() returns, for thinning.
    this.peakRate = config.eventsPerSecond() / WORKING_SHARE * 1.6;
    this.idPrefix = "N" + Long.toString(Math.floorMod(config.seed(), 1_000_000L), 36) + "-";
    this.reached = config.from().toEpochMilli();
    this.next = reached;
    advanceCandidate();
  }

  /** A generator for this config, building the reference from it. */
  public static NationalSimulation create(final NationalConfig config, final SimulationSink sink) {
    return new NationalSimulation(config, NationalReference.build(config), sink);
  }

  /** The trees and units being simulated. */
  public NationalReference reference() {
    return reference;
  }

  @Override
  public void emitReference() {
    if (referenceEmitted) {
      return;
    }
    referenceEmitted = true;
    for (final WorkUnit unit : reference.units()) {
      sink.unit(unit);
    }
    for (long g = 0; g < reference.employees(); g++) {
      sink.employee(reference.employee(g));
    }
    programs.forEach(sink::program);
  }

  @Override
  public int advanceTo(final Instant until, final int maxRecords) {
    emitReference();
    final long limit = until.toEpochMilli();
    int emitted = 0;
    while (emitted < maxRecords && next <= limit) {
      emit(next);
      emitted++;
      advanceCandidate();
    }
    reached = Math.max(reached, Math.min(limit, next - 1));
    return emitted;
  }

  @Override
  public Instant reached() {
    return Instant.ofEpochMilli(reached);
  }

  /** The next event time: candidates at the peak rate, kept with rate(t) / peak (thinning). */
  private void advanceCandidate() {
    long t = next;
    do {
      t += Math.max(1, (long) (-Math.log(1 - rng.nextDouble()) / peakRate * 1000));
    } while (rng.nextDouble() * peakRate > rate(t));
    next = t;
  }

  /** Events per second at simulated time t (epoch millis). */
  private double rate(final long t) {
    final ZonedDateTime time = Instant.ofEpochMilli(t).atZone(JakartaCalendar.ZONE);
    final boolean working =
        time.getDayOfWeek() != DayOfWeek.SATURDAY
            && time.getDayOfWeek() != DayOfWeek.SUNDAY
            && time.getHour() >= 7
            && time.getHour() < 17;
    final double season =
        switch (time.getMonthValue()) {
          case 1 -> 0.4;
          case 10, 11 -> 1.5;
          case 12 -> 1.6;
          default -> 0.95;
        };
    return working ? config.eventsPerSecond() / WORKING_SHARE * season * 0.97 : 0.0;
  }

  private void emit(final long t) {
    long g;
    int unit;
    do {
      g = (long) (rng.nextDouble() * reference.employees());
      unit = reference.unitOf(g);
    } while (rng.nextDouble() * 1.5 > reference.propensityOf(unit));
    final String employeeId = reference.employeeId(g);
    final TrainingProgram program = programs.get(rng.nextInt(programs.size()));
    final Instant at = Instant.ofEpochMilli(t);
    final LocalDate date = JakartaCalendar.dateOf(at);
    final String runId =
        program.getProgramId()
            + "-"
            + date.get(IsoFields.WEEK_BASED_YEAR)
            + "W"
            + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    final String eventId = idPrefix + counter++;
    final double kind = rng.nextDouble();
    if (kind < 0.7) {
      final double s = rng.nextDouble();
      final AttendanceStatus status =
          s < 0.80
              ? AttendanceStatus.PRESENT
              : s < 0.88
                  ? AttendanceStatus.LATE
                  : s < 0.97 ? AttendanceStatus.ABSENT : AttendanceStatus.EXCUSED;
      sink.attendance(
          new AttendanceEvent(
              eventId,
              employeeId,
              program.getProgramId(),
              runId,
              date + "-" + rng.nextInt(3),
              status,
              (double) (2 + rng.nextInt(7)),
              at,
              "SIASN"));
    } else if (kind < 0.9) {
      final double a = rng.nextDouble();
      final EnrollmentAction action =
          a < 0.7
              ? EnrollmentAction.ENROLLED
              : a < 0.95 ? EnrollmentAction.COMPLETED : EnrollmentAction.WITHDRAWN;
      sink.enrollment(
          new EnrollmentEvent(
              eventId, employeeId, program.getProgramId(), runId, action, at, "LMS"));
    } else {
      final int overall = Math.min(5, 2 + rng.nextInt(3) + (rng.nextDouble() < 0.5 ? 1 : 0));
      sink.feedback(
          new FeedbackEvent(
              eventId,
              rng.nextDouble() < 0.1 ? null : employeeId,
              program.getProgramId(),
              runId,
              overall,
              rng.nextDouble() < 0.8 ? Math.max(1, overall - rng.nextInt(2)) : null,
              rng.nextDouble() < 0.8 ? Math.min(10, overall * 2 + rng.nextInt(2)) : null,
              null,
              at,
              "LMS"));
    }
  }
}
