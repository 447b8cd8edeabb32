package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Decides which runs start when. Every Monday 00:00 WIB it plans the runs starting two weeks later
 * (so enrolment opens before the start): per programme a Poisson number of runs around its monthly
 * rate times that week's activity (season, Ramadan, holidays), each on a random working day. At the
 * start it also plans the runs already under way, back far enough for the longest programme, whose
 * events before {@code from} are dropped: the simulation joins a city in mid-year, not an empty
 * one. Run ids read {@code <programId>-<year>-<angkatan>}.
 */
final class RunPlanner implements Timeline {

  /** Runs start two weeks after they are planned. */
  static final int LEAD_WEEKS = 2;

  /** How far back the initial planning reaches: longer than the longest programme. */
  static final int LOOKBACK_WEEKS = 26;

  private static final long WEEK_MILLIS = 7L * 24 * 3_600_000L;

  private final SimulationState state;
  private final Consumer<Timeline> schedule;
  private final SplittableRandom rng;
  private final List<ProgramSpec> programs;
  private final Map<String, Integer> angkatan = new HashMap<>();
  private final long ordinal;
  private long runs;
  private long nextTick;

  RunPlanner(final SimulationState state, final Consumer<Timeline> schedule) {
    this.state = state;
    this.schedule = schedule;
    this.rng = Seeds.random(state.config.seed(), Seeds.PLANNER, 0);
    this.programs = state.reference.programSpecs();
    this.ordinal = state.nextOrdinal();
    final LocalDate fromDay = JakartaCalendar.dateOf(state.config.from());
    final LocalDate nextMonday = fromDay.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    this.nextTick = startOf(nextMonday);
    // Everything up to the week the first tick will plan; runs that ended before from vanish.
    final LocalDate thisMonday = nextMonday.minusWeeks(1);
    for (LocalDate monday = thisMonday.minusWeeks(LOOKBACK_WEEKS);
        monday.isBefore(nextMonday.plusWeeks(LEAD_WEEKS));
        monday = monday.plusWeeks(1)) {
      planWeek(monday, -1);
    }
  }

  @Override
  public long nextTime() {
    return nextTick;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public long ordinal() {
    return ordinal;
  }

  @Override
  public boolean emitNext(final SimulationSink sink) {
    final LocalDate monday = JakartaCalendar.dateOf(Instant.ofEpochMilli(nextTick));
    planWeek(monday.plusWeeks(LEAD_WEEKS), nextTick);
    nextTick += WEEK_MILLIS;
    return false;
  }

  private void planWeek(final LocalDate monday, final long enrolOpen) {
    double activity = 0;
    for (int d = 0; d < 5; d++) {
      activity += state.calendar.activity(monday.plusDays(d));
    }
    activity /= 5;
    if (activity <= 0) {
      return;
    }
    for (final ProgramSpec spec : programs) {
      final int count = poisson(spec.runsPerMonth() * 12.0 / 52.0 * activity);
      for (int k = 0; k < count; k++) {
        final LocalDate day = monday.plusDays(rng.nextInt(5));
        if (!state.calendar.isWorkingDay(day)) {
          continue;
        }
        final String runId = runId(spec, day.getYear());
        final RunTimeline run =
            RunTimeline.plan(
                state,
                spec,
                runId,
                day,
                enrolOpen,
                Seeds.random(state.config.seed(), Seeds.RUNS, runs++));
        if (run != null) {
          schedule.accept(run);
        }
      }
    }
  }

  private String runId(final ProgramSpec spec, final int year) {
    final String key = spec.id() + "-" + year;
    final int number = angkatan.merge(key, 1, Integer::sum);
    return key + "-" + (number < 10 ? "0" : "") + number;
  }

  /** Knuth's method: fine for the small means of weekly run counts. */
  private int poisson(final double mean) {
    final double limit = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  private static long startOf(final LocalDate day) {
    return day.atStartOfDay(JakartaCalendar.ZONE).toInstant().toEpochMilli();
  }
}
