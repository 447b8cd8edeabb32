package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topics.ContractTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A sink decorator that passes every clean record through and, after each clean training event,
 * adds bad input on purpose at the configured rates, from its own random stream and with its own
 * event ids ({@code sim-<seed>-x<n>}), so switching it on never changes the clean records. Per
 * kind: undecodable bytes (half random bytes, half a real event in Avro's single-object encoding,
 * whose first byte 0xC3 is a wrong magic byte for the Confluent format), an out-of-range copy
 * (negative sessionJp, overall outside 1-5), the same event again, a copy reported 3-28 days late,
 * a copy for an employee not in the roster, and malformed records (issue #9: dated 400 days ahead
 * or before 2000, tombstones on event topics and on the roster, empty values, non-finite sessionJp,
 * oversized ids). Typed bad records go through the sink's ordinary methods, as they would arrive
 * from a faulty source; all but the late copies keep the stream's time order.
 */
public final class BadInputInjector implements SimulationSink {

  /** Kind of {@link SimulationSink#badRecord}: random bytes. */
  public static final String RANDOM_BYTES = "RANDOM_BYTES";

  /** Kind of {@link SimulationSink#badRecord}: an Avro single-object encoding (magic 0xC3). */
  public static final String WRONG_MAGIC_BYTE = "WRONG_MAGIC_BYTE";

  /** Kind of {@link SimulationSink#badRecord}: a tombstone (null value) on an event topic. */
  public static final String TOMBSTONE = "TOMBSTONE";

  /** Kind of {@link SimulationSink#badRecord}: a tombstone on a reference topic (the roster). */
  public static final String REFERENCE_TOMBSTONE = "REFERENCE_TOMBSTONE";

  /** The id prefix of the units with a parent that does not exist (MALFORMED). */
  public static final String ORPHAN_PREFIX = "SIM-ORPHAN-";

  /** Kind of {@link SimulationSink#badRecord}: an empty value on an event topic. */
  public static final String EMPTY_VALUE = "EMPTY_VALUE";

  /** Late copies are at least this far in the past: beyond the 48 h grace. */
  public static final Duration MIN_LATENESS = Duration.ofDays(3);

  /** Late copies are at most this far in the past. */
  public static final Duration MAX_LATENESS = Duration.ofDays(28);

  private static final BadInputKind[] KINDS = BadInputKind.values();
  private static final int[] BAD_OVERALL = {0, 6, 7, 10};

  private final BadInputRates rates;
  private final SimulationSink downstream;
  private final SplittableRandom rng;
  private final EventIds ids;
  private final Set<String> roster;
  private final long start;
  private final long[] counts = new long[KINDS.length];
  private long clean;
  private int orphans;

  /**
   * An injector in front of a sink.
   *
   * @param rates how often to add each kind
   * @param seed the simulation's seed
   * @param reference the city, whose roster unknown employees must avoid
   * @param start the simulation's start: no late copy is dated before it
   * @param downstream where clean and bad records go
   */
  public BadInputInjector(
      final BadInputRates rates,
      final long seed,
      final KotaSerangReference reference,
      final Instant start,
      final SimulationSink downstream) {
    this.start = start.toEpochMilli();
    this.rates = Objects.requireNonNull(rates, "rates");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    this.rng = Seeds.random(seed, Seeds.BAD_INPUT, 0);
    this.ids = new EventIds(seed, 'x');
    this.roster = Set.of(reference.employeeIds());
  }

  /** What was added so far. */
  public BadInputCounts counts() {
    return new BadInputCounts(
        clean,
        counts[BadInputKind.UNDECODABLE.ordinal()],
        counts[BadInputKind.OUT_OF_RANGE.ordinal()],
        counts[BadInputKind.DUPLICATE.ordinal()],
        counts[BadInputKind.LATE.ordinal()],
        counts[BadInputKind.UNKNOWN_EMPLOYEE.ordinal()],
        counts[BadInputKind.MALFORMED.ordinal()]);
  }

  @Override
  public void unit(final WorkUnit unit) {
    downstream.unit(unit);
  }

  @Override
  public void employee(final Employee employee) {
    downstream.employee(employee);
  }

  @Override
  public void program(final TrainingProgram program) {
    downstream.program(program);
  }

  @Override
  public void enrollment(final EnrollmentEvent event) {
    downstream.enrollment(event);
    clean++;
    for (final BadInputKind kind : KINDS) {
      if (rng.nextDouble() < rates.rate(kind) && possible(kind, event.getOccurredAt())) {
        counts[kind.ordinal()]++;
        switch (kind) {
          case UNDECODABLE ->
              undecodable(ContractTopic.ENROLLMENTS, event.getEmployeeId(), bytes(event));
          case OUT_OF_RANGE ->
              // Enrolments have no numeric field: the faulty source sends a rating of 7 instead.
              downstream.feedback(
                  new FeedbackEvent(
                      ids.next(),
                      event.getEmployeeId(),
                      event.getProgramId(),
                      event.getRunId(),
                      7,
                      null,
                      null,
                      null,
                      event.getOccurredAt(),
                      event.getSource()));
          case DUPLICATE -> downstream.enrollment(event);
          case LATE ->
              downstream.enrollment(
                  copy(event, event.getEmployeeId(), lateTime(event.getOccurredAt())));
          case UNKNOWN_EMPLOYEE ->
              downstream.enrollment(copy(event, unknownEmployeeId(), event.getOccurredAt()));
          case MALFORMED -> {
            final Instant at = malformedTime(event.getOccurredAt());
            if (at == null) {
              malformedBytes(ContractTopic.ENROLLMENTS, event.getEmployeeId());
            } else {
              downstream.enrollment(copy(event, event.getEmployeeId(), at));
            }
          }
          default -> throw new IllegalStateException("unknown kind " + kind);
        }
      }
    }
  }

  @Override
  public void attendance(final AttendanceEvent event) {
    downstream.attendance(event);
    clean++;
    for (final BadInputKind kind : KINDS) {
      if (rng.nextDouble() < rates.rate(kind) && possible(kind, event.getOccurredAt())) {
        counts[kind.ordinal()]++;
        switch (kind) {
          case UNDECODABLE ->
              undecodable(ContractTopic.ATTENDANCE, event.getEmployeeId(), bytes(event));
          case OUT_OF_RANGE ->
              downstream.attendance(
                  copy(
                      event,
                      event.getEmployeeId(),
                      -Math.max(1.0, event.getSessionJp()),
                      event.getOccurredAt()));
          case DUPLICATE -> downstream.attendance(event);
          case LATE ->
              downstream.attendance(
                  copy(
                      event,
                      event.getEmployeeId(),
                      event.getSessionJp(),
                      lateTime(event.getOccurredAt())));
          case UNKNOWN_EMPLOYEE ->
              downstream.attendance(
                  copy(event, unknownEmployeeId(), event.getSessionJp(), event.getOccurredAt()));
          case MALFORMED -> malformedAttendance(event);
          default -> throw new IllegalStateException("unknown kind " + kind);
        }
      }
    }
  }

  @Override
  public void feedback(final FeedbackEvent event) {
    downstream.feedback(event);
    clean++;
    for (final BadInputKind kind : KINDS) {
      if (rng.nextDouble() < rates.rate(kind) && possible(kind, event.getOccurredAt())) {
        counts[kind.ordinal()]++;
        switch (kind) {
          case UNDECODABLE -> {
            final String key =
                event.getEmployeeId() != null ? event.getEmployeeId() : event.getProgramId();
            undecodable(ContractTopic.FEEDBACK, key, bytes(event));
          }
          case OUT_OF_RANGE ->
              downstream.feedback(
                  copy(
                      event,
                      event.getEmployeeId(),
                      BAD_OVERALL[rng.nextInt(BAD_OVERALL.length)],
                      event.getOccurredAt()));
          case DUPLICATE -> downstream.feedback(event);
          case LATE ->
              downstream.feedback(
                  copy(
                      event,
                      event.getEmployeeId(),
                      event.getOverall(),
                      lateTime(event.getOccurredAt())));
          case UNKNOWN_EMPLOYEE ->
              downstream.feedback(
                  copy(event, unknownEmployeeId(), event.getOverall(), event.getOccurredAt()));
          case MALFORMED -> {
            final Instant at = malformedTime(event.getOccurredAt());
            final String key =
                event.getEmployeeId() != null ? event.getEmployeeId() : event.getProgramId();
            if (at == null) {
              malformedBytes(ContractTopic.FEEDBACK, key);
            } else {
              downstream.feedback(copy(event, event.getEmployeeId(), event.getOverall(), at));
            }
          }
          default -> throw new IllegalStateException("unknown kind " + kind);
        }
      }
    }
  }

  @Override
  public void badRecord(
      final String topic, final String key, final byte[] value, final String kind) {
    downstream.badRecord(topic, key, value, kind);
  }

  /**
   * The time of a malformed copy: 400 days after the event (ahead of the wall clock whatever the
   * simulated time, so FUTURE_TIMESTAMP) or in 1999 (before the earliest accepted); null for a
   * malformed record without a value to date (see {@link #malformedBytes}).
   */
  private Instant malformedTime(final Instant occurredAt) {
    return switch (rng.nextInt(3)) {
      case 0 -> occurredAt.plus(Duration.ofDays(400));
      case 1 -> Instant.parse("1999-06-01T01:00:00Z").plus(Duration.ofHours(rng.nextInt(1000)));
      default -> null;
    };
  }

  /**
   * A tombstone or an empty value on the event topic, a tombstone on the roster for the event's
   * employee (reference records are ended with active=false, never deleted: bad input too), or a
   * new unit whose parent does not exist.
   */
  private void malformedBytes(final ContractTopic topic, final String key) {
    final int pick = rng.nextInt(4);
    if (pick == 3) {
      // A unit whose parent does not exist: the reference judge holds it for the reference wait,
      // then sets it aside as DANGLING_PARENT; it never reaches the figures.
      orphans++;
      downstream.unit(
          new WorkUnit(
              ORPHAN_PREFIX + orphans,
              "Unit tanpa induk (data uji)",
              "DINAS",
              "SIM-MISSING-PARENT-" + orphans,
              true));
    } else if (pick == 0) {
      downstream.badRecord(topic.topicName(), key, null, TOMBSTONE);
    } else if (pick == 1 || key == null || topic == ContractTopic.FEEDBACK) {
      downstream.badRecord(topic.topicName(), key, new byte[0], EMPTY_VALUE);
    } else {
      downstream.badRecord(
          ContractTopic.REFERENCE_EMPLOYEES.topicName(), key, null, REFERENCE_TOMBSTONE);
    }
  }

  private void malformedAttendance(final AttendanceEvent event) {
    final Instant at = malformedTime(event.getOccurredAt());
    if (at != null) {
      downstream.attendance(copy(event, event.getEmployeeId(), event.getSessionJp(), at));
    } else if (rng.nextBoolean()) {
      final double jp = rng.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
      downstream.attendance(copy(event, event.getEmployeeId(), jp, event.getOccurredAt()));
    } else if (rng.nextBoolean()) {
      final AttendanceEvent copy =
          copy(event, event.getEmployeeId(), event.getSessionJp(), event.getOccurredAt());
      downstream.attendance(
          new AttendanceEvent(
              copy.getEventId() + "-" + "x".repeat(200),
              copy.getEmployeeId(),
              copy.getProgramId(),
              copy.getRunId(),
              copy.getSessionId(),
              copy.getStatus(),
              copy.getSessionJp(),
              copy.getOccurredAt(),
              copy.getSource()));
    } else {
      malformedBytes(ContractTopic.ATTENDANCE, event.getEmployeeId());
    }
  }

  private void undecodable(final ContractTopic topic, final String key, final ByteBuffer encoded) {
    if (rng.nextBoolean()) {
      final byte[] noise = new byte[1 + rng.nextInt(64)];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (byte) rng.nextInt(256);
      }
      downstream.badRecord(topic.topicName(), key, noise, RANDOM_BYTES);
    } else {
      final byte[] value = new byte[encoded.remaining()];
      encoded.get(value);
      downstream.badRecord(topic.topicName(), key, value, WRONG_MAGIC_BYTE);
    }
  }

  /**
   * Whether this kind can be made of an event at this time: a late copy needs room before it, as a
   * copy dated before the simulation started would stand for a time the simulated city did not
   * exist yet (and would drag the pipeline's first window back to it).
   */
  private boolean possible(final BadInputKind kind, final Instant occurredAt) {
    return kind != BadInputKind.LATE
        || occurredAt.toEpochMilli() - start >= MIN_LATENESS.toMillis();
  }

  /** 3 to 28 days before the event, never before the simulation's start. */
  private Instant lateTime(final Instant occurredAt) {
    final long min = MIN_LATENESS.toMillis();
    final long max = Math.min(MAX_LATENESS.toMillis(), occurredAt.toEpochMilli() - start);
    return occurredAt.minusMillis(min + rng.nextLong(max - min + 1));
  }

  /** A NIP-shaped id that is valid by the layout but belongs to nobody in the roster. */
  private String unknownEmployeeId() {
    while (true) {
      final LocalDate birth = LocalDate.of(1965 + rng.nextInt(35), 1, 1).plusDays(rng.nextInt(365));
      final YearMonth appointment =
          YearMonth.of(birth.getYear() + 20 + rng.nextInt(5), 1 + rng.nextInt(12));
      final String id =
          new Nip(birth, appointment, 1 + rng.nextInt(2), 1 + rng.nextInt(999)).toString();
      if (!roster.contains(id)) {
        return id;
      }
    }
  }

  // Copies through the constructors: Avro's newBuilder(record) deep-copies enums by loading their
  // classes by name, which Avro 1.12's ClassSecurityValidator refuses for untrusted packages.
  private EnrollmentEvent copy(
      final EnrollmentEvent event, final String employeeId, final Instant occurredAt) {
    return new EnrollmentEvent(
        ids.next(),
        employeeId,
        event.getProgramId(),
        event.getRunId(),
        event.getAction(),
        occurredAt,
        event.getSource());
  }

  private AttendanceEvent copy(
      final AttendanceEvent event,
      final String employeeId,
      final double sessionJp,
      final Instant occurredAt) {
    return new AttendanceEvent(
        ids.next(),
        employeeId,
        event.getProgramId(),
        event.getRunId(),
        event.getSessionId(),
        event.getStatus(),
        sessionJp,
        occurredAt,
        event.getSource());
  }

  private FeedbackEvent copy(
      final FeedbackEvent event,
      final String employeeId,
      final int overall,
      final Instant occurredAt) {
    return new FeedbackEvent(
        ids.next(),
        employeeId,
        event.getProgramId(),
        event.getRunId(),
        overall,
        event.getCareerRelevance(),
        event.getRecommend(),
        event.getComment(),
        occurredAt,
        event.getSource());
  }

  private static ByteBuffer bytes(final EnrollmentEvent event) {
    try {
      return event.toByteBuffer();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuffer bytes(final AttendanceEvent event) {
    try {
      return event.toByteBuffer();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuffer bytes(final FeedbackEvent event) {
    try {
      return event.toByteBuffer();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
