package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The Kota Serang simulator's core, without Kafka: emits the reference data (units parents first,
 * the roster, the programmes) and then a year's rhythm of training events into a {@link
 * SimulationSink}, driven by "advance simulated time to T" calls. Every record goes out in
 * non-decreasing simulated time and never later than T, so a driver can follow a {@link
 * SimulatedClock} and pace itself with the record budget of {@link #advanceTo(Instant, int)} (the
 * CLI's {@code --rate}). Runs, the weekly planner and transfers are merged by a priority queue of
 * timelines; the same config gives the same records byte for byte. When the config asks for bad
 * input, a {@link BadInputInjector} between the generator and the sink adds it from its own random
 * stream, so the clean records stay the same. Not thread-safe: one driver thread.
 */
public final class EventGenerator implements Simulation {

  private static final Comparator<Timeline> ORDER =
      Comparator.comparingLong(Timeline::nextTime).thenComparingLong(Timeline::ordinal);

  private final SimulationState state;
  private final SimulationSink sink;
  private final BadInputInjector injector;
  private final PriorityQueue<Timeline> queue = new PriorityQueue<>(ORDER);
  private boolean referenceEmitted;
  private long records;
  private long reached;

  /**
   * A generator over an already built city.
   *
   * @param config the configuration (its seed, from, transfers and bad-input rates are used here)
   * @param reference the city, built from the same config
   * @param sink where records go
   */
  public EventGenerator(
      final SimulationConfig config,
      final KotaSerangReference reference,
      final SimulationSink sink) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(sink, "sink");
    this.state = new SimulationState(config, reference);
    if (config.badInput().any()) {
      this.injector =
          new BadInputInjector(config.badInput(), config.seed(), reference, config.from(), sink);
      this.sink = injector;
    } else {
      this.injector = null;
      this.sink = sink;
    }
    this.reached = state.fromMillis;
    queue.add(new RunPlanner(state, queue::add));
    if (config.transfersPerWeek() > 0) {
      queue.add(new TransferTimeline(state));
    }
  }

  /** A generator for a config, building the city from it. */
  public static EventGenerator create(final SimulationConfig config, final SimulationSink sink) {
    return new EventGenerator(config, KotaSerangReference.build(config), sink);
  }

  /** Emits units, roster and programmes, once; {@link #advanceTo} does it first if needed. */
  @Override
  public void emitReference() {
    if (referenceEmitted) {
      return;
    }
    referenceEmitted = true;
    for (final WorkUnit unit : state.reference.units()) {
      sink.unit(unit);
    }
    for (final Employee employee : state.roster) {
      sink.employee(employee);
    }
    for (final TrainingProgram program : state.reference.programs()) {
      sink.program(program);
    }
  }

  /** Emits everything up to and including the simulated time {@code until}. */
  public long advanceTo(final Instant until) {
    long total = 0;
    int batch;
    do {
      batch = advanceTo(until, Integer.MAX_VALUE);
      total += batch;
    } while (batch == Integer.MAX_VALUE);
    return total;
  }

  /**
   * Emits records up to and including the simulated time {@code until}, at most {@code maxRecords}
   * of them (reference records and bad input not counted), so a driver can pace itself; what is
   * left goes out on the next call.
   *
   * @return the number of records emitted
   */
  @Override
  public int advanceTo(final Instant until, final int maxRecords) {
    emitReference();
    final long limit = until.toEpochMilli();
    int emitted = 0;
    while (emitted < maxRecords) {
      final Timeline next = queue.peek();
      if (next == null || next.nextTime() > limit) {
        reached = Math.max(reached, limit);
        break;
      }
      queue.poll();
      if (next.emitNext(sink)) {
        emitted++;
      }
      if (next.hasNext()) {
        queue.add(next);
      }
    }
    records += emitted;
    return emitted;
  }

  /** When the next thing happens (a record, or the planner's weekly tick). */
  public Optional<Instant> nextTime() {
    final Timeline next = queue.peek();
    return next == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next.nextTime()));
  }

  /** The simulated time everything before which has been emitted. */
  @Override
  public Instant reached() {
    return Instant.ofEpochMilli(reached);
  }

  /** Records emitted by {@link #advanceTo} so far (events and transfers, bad input excluded). */
  public long recordsEmitted() {
    return records;
  }

  /** What the bad-input injector has added so far (all zero when it is off). */
  public BadInputCounts badInputCounts() {
    return injector == null ? BadInputCounts.ZERO : injector.counts();
  }

  /** The city being simulated. */
  public KotaSerangReference reference() {
    return state.reference;
  }
}
