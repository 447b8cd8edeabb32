package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.metrics.PipelineEvents;
import java.time.Clock;
import java.util.Objects;

/**
 * What every stage of the participation topology is given: settings, topic names, serdes, the wall
 * clock (for FUTURE_TIMESTAMP, idle closing and emittedAt; fixed in tests) and the metrics hooks.
 * Stages never read files or the environment.
 */
public record TopologyContext(
    TopologySettings settings,
    TopicNames topics,
    TopologySerdes serdes,
    Clock clock,
    PipelineEvents events) {

  /** Name of the global store of reference.units: unitId -> WorkUnit (plain key-value store). */
  public static final String UNITS_STORE = "units";

  /** Name of the global store of reference.programs: programId -> TrainingProgram. */
  public static final String PROGRAMS_STORE = "programs";

  public TopologyContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(events, "events");
  }
}
