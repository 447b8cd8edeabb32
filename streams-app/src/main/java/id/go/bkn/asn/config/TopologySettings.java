package id.go.bkn.asn.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the participation topology is told, validated once at start-up (CONTRACT.md section 5; the
 * defaults come from there and from reference/DOMAIN.md). Immutable.
 *
 * @param dayGrace how long after its end a DAY window still takes events (48 h)
 * @param weekGrace the same for WEEK windows (48 h)
 * @param yearGrace the same for the calendar YEAR of JP progress (48 h)
 * @param dedupHorizon how long an eventId is remembered to drop duplicates (7 days)
 * @param maxClockSkew how far ahead of the wall clock occurredAt may be (1 h)
 * @param maxSessionJp the largest credible sessionJp (24)
 * @param minResponses k: fewer feedback responses suppress every satisfaction figure (5)
 * @param targetJp the yearly JP target per employee (20)
 * @param idleTimeout a stage that has seen no event for this long lets the wall clock close its
 *     windows (5 min)
 * @param emitInterval how often PROVISIONAL records of changed windows are written (5 s, wall
 *     clock)
 * @param treePartitions partitions of the internal topic keyed by tree (6)
 * @param programPartitions partitions of the internal topic keyed by programme (6)
 * @param inputPartitions partitions of the input topics, one ingest task each: how many watermark
 *     senders each tree task waits for (6; the app sets it from the enrollments topic)
 * @param alerts the alert rules' thresholds
 * @param referenceWait how long a roster version naming a unit not (yet) in reference.units is held
 *     for the unit before it is set aside as a dead letter (5 min, wall clock): the roster and the
 *     units come from different exports, so a new unit's staff may be read first
 */
public record TopologySettings(
    Duration dayGrace,
    Duration weekGrace,
    Duration yearGrace,
    Duration dedupHorizon,
    Duration maxClockSkew,
    double maxSessionJp,
    int minResponses,
    double targetJp,
    Duration idleTimeout,
    Duration emitInterval,
    int treePartitions,
    int programPartitions,
    int inputPartitions,
    AlertThresholds alerts,
    Duration referenceWait) {

  /** The default number of input partitions (the contract's topics have six). */
  public static final int DEFAULT_INPUT_PARTITIONS = 6;

  /** The default of {@link #referenceWait}. */
  public static final Duration DEFAULT_REFERENCE_WAIT = Duration.ofMinutes(5);

  /** The contract's defaults. */
  public static final TopologySettings DEFAULTS =
      new TopologySettings(
          Duration.ofHours(48),
          Duration.ofHours(48),
          Duration.ofHours(48),
          Duration.ofDays(7),
          Duration.ofHours(1),
          24,
          5,
          20,
          Duration.ofMinutes(5),
          Duration.ofSeconds(5),
          6,
          6,
          DEFAULT_INPUT_PARTITIONS,
          AlertThresholds.DEFAULTS,
          DEFAULT_REFERENCE_WAIT);

  public TopologySettings {
    requirePositive(dayGrace, "dayGrace", true);
    requirePositive(weekGrace, "weekGrace", true);
    requirePositive(yearGrace, "yearGrace", true);
    requirePositive(dedupHorizon, "dedupHorizon", false);
    requirePositive(maxClockSkew, "maxClockSkew", true);
    requirePositive(idleTimeout, "idleTimeout", false);
    requirePositive(emitInterval, "emitInterval", false);
    requirePositive(referenceWait, "referenceWait", false);
    if (!(maxSessionJp > 0)) {
      throw new IllegalArgumentException("maxSessionJp must be positive, got " + maxSessionJp);
    }
    if (minResponses < 1) {
      throw new IllegalArgumentException("minResponses must be at least 1, got " + minResponses);
    }
    if (!(targetJp > 0)) {
      throw new IllegalArgumentException("targetJp must be positive, got " + targetJp);
    }
    if (treePartitions < 1 || programPartitions < 1) {
      throw new IllegalArgumentException("internal topics need at least 1 partition");
    }
    if (inputPartitions < 1) {
      throw new IllegalArgumentException(
          "inputPartitions must be at least 1, got " + inputPartitions);
    }
    Objects.requireNonNull(alerts, "alerts");
  }

  /** The settings with the default number of input partitions, which the app corrects at start. */
  public TopologySettings(
      final Duration dayGrace,
      final Duration weekGrace,
      final Duration yearGrace,
      final Duration dedupHorizon,
      final Duration maxClockSkew,
      final double maxSessionJp,
      final int minResponses,
      final double targetJp,
      final Duration idleTimeout,
      final Duration emitInterval,
      final int treePartitions,
      final int programPartitions,
      final AlertThresholds alerts) {
    this(
        dayGrace,
        weekGrace,
        yearGrace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        treePartitions,
        programPartitions,
        DEFAULT_INPUT_PARTITIONS,
        alerts,
        DEFAULT_REFERENCE_WAIT);
  }

  /** The settings with the default {@link #referenceWait}. */
  public TopologySettings(
      final Duration dayGrace,
      final Duration weekGrace,
      final Duration yearGrace,
      final Duration dedupHorizon,
      final Duration maxClockSkew,
      final double maxSessionJp,
      final int minResponses,
      final double targetJp,
      final Duration idleTimeout,
      final Duration emitInterval,
      final int treePartitions,
      final int programPartitions,
      final int inputPartitions,
      final AlertThresholds alerts) {
    this(
        dayGrace,
        weekGrace,
        yearGrace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        treePartitions,
        programPartitions,
        inputPartitions,
        alerts,
        DEFAULT_REFERENCE_WAIT);
  }

  /** A copy with another {@link #referenceWait}. */
  public TopologySettings withReferenceWait(final Duration wait) {
    return new TopologySettings(
        dayGrace,
        weekGrace,
        yearGrace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        treePartitions,
        programPartitions,
        inputPartitions,
        alerts,
        wait);
  }

  /** A copy with another grace for every window size. */
  public TopologySettings withGrace(final Duration grace) {
    return new TopologySettings(
        grace,
        grace,
        grace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        treePartitions,
        programPartitions,
        inputPartitions,
        alerts,
        referenceWait);
  }

  /** A copy with another number of input partitions (watermark senders of the tree stage). */
  public TopologySettings withInputPartitions(final int partitions) {
    return new TopologySettings(
        dayGrace,
        weekGrace,
        yearGrace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        treePartitions,
        programPartitions,
        partitions,
        alerts,
        referenceWait);
  }

  /** A copy with another number of partitions for both internal topics. */
  public TopologySettings withInternalPartitions(final int partitions) {
    return new TopologySettings(
        dayGrace,
        weekGrace,
        yearGrace,
        dedupHorizon,
        maxClockSkew,
        maxSessionJp,
        minResponses,
        targetJp,
        idleTimeout,
        emitInterval,
        partitions,
        partitions,
        inputPartitions,
        alerts,
        referenceWait);
  }

  private static void requirePositive(
      final Duration value, final String name, final boolean zeroAllowed) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", got " + value);
    }
  }
}
