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

  /** A builder holding these settings, to change some of them: {@code DEFAULTS.toBuilder()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@link #referenceWait}. */
  public TopologySettings withReferenceWait(final Duration wait) {
    return toBuilder().referenceWait(wait).build();
  }

  /** A copy with another grace for every window size. */
  public TopologySettings withGrace(final Duration grace) {
    return toBuilder().grace(grace).build();
  }

  /** A copy with another number of input partitions (watermark senders of the tree stage). */
  public TopologySettings withInputPartitions(final int partitions) {
    return toBuilder().inputPartitions(partitions).build();
  }

  /** A copy with another number of partitions for both internal topics. */
  public TopologySettings withInternalPartitions(final int partitions) {
    return toBuilder().treePartitions(partitions).programPartitions(partitions).build();
  }

  /**
   * Settings built from others with some components changed; {@link #build} validates them as the
   * record's constructor does.
   */
  public static final class Builder {
    private Duration dayGrace;
    private Duration weekGrace;
    private Duration yearGrace;
    private Duration dedupHorizon;
    private Duration maxClockSkew;
    private double maxSessionJp;
    private int minResponses;
    private double targetJp;
    private Duration idleTimeout;
    private Duration emitInterval;
    private int treePartitions;
    private int programPartitions;
    private int inputPartitions;
    private AlertThresholds alerts;
    private Duration referenceWait;

    private Builder(final TopologySettings from) {
      dayGrace = from.dayGrace;
      weekGrace = from.weekGrace;
      yearGrace = from.yearGrace;
      dedupHorizon = from.dedupHorizon;
      maxClockSkew = from.maxClockSkew;
      maxSessionJp = from.maxSessionJp;
      minResponses = from.minResponses;
      targetJp = from.targetJp;
      idleTimeout = from.idleTimeout;
      emitInterval = from.emitInterval;
      treePartitions = from.treePartitions;
      programPartitions = from.programPartitions;
      inputPartitions = from.inputPartitions;
      alerts = from.alerts;
      referenceWait = from.referenceWait;
    }

    /** The same grace for DAY, WEEK and YEAR. */
    public Builder grace(final Duration grace) {
      return dayGrace(grace).weekGrace(grace).yearGrace(grace);
    }

    public Builder dayGrace(final Duration value) {
      dayGrace = value;
      return this;
    }

    public Builder weekGrace(final Duration value) {
      weekGrace = value;
      return this;
    }

    public Builder yearGrace(final Duration value) {
      yearGrace = value;
      return this;
    }

    public Builder dedupHorizon(final Duration value) {
      dedupHorizon = value;
      return this;
    }

    public Builder maxClockSkew(final Duration value) {
      maxClockSkew = value;
      return this;
    }

    public Builder maxSessionJp(final double value) {
      maxSessionJp = value;
      return this;
    }

    public Builder minResponses(final int value) {
      minResponses = value;
      return this;
    }

    public Builder targetJp(final double value) {
      targetJp = value;
      return this;
    }

    public Builder idleTimeout(final Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder emitInterval(final Duration value) {
      emitInterval = value;
      return this;
    }

    public Builder treePartitions(final int value) {
      treePartitions = value;
      return this;
    }

    public Builder programPartitions(final int value) {
      programPartitions = value;
      return this;
    }

    public Builder inputPartitions(final int value) {
      inputPartitions = value;
      return this;
    }

    public Builder alerts(final AlertThresholds value) {
      alerts = value;
      return this;
    }

    public Builder referenceWait(final Duration value) {
      referenceWait = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when one is out of range
     */
    public TopologySettings build() {
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
          referenceWait);
    }
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
