package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.metrics.PipelineEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What an ingest processor is told, taken from the topology's context: the input topic it reads (a
 * fallback name when a record has no metadata), the wall clock, the validation limits, the
 * de-duplication horizon, the metrics hooks and the name of the global units store.
 *
 * @param topic the input topic
 * @param clock the wall clock (fixed in tests)
 * @param maxClockSkew how far ahead of the clock occurredAt may be
 * @param maxSessionJp the largest credible sessionJp
 * @param dedupHorizon how long an eventId is remembered, in event time
 * @param events the metrics hooks
 * @param unitsStore the global store of reference.units
 * @param rebuildsEventIds whether this processor rebuilds the task's eventId index when the task
 *     starts (one of the task's ingest processors does: {@link EventIdMemory})
 */
public record IngestSettings(
    String topic,
    Clock clock,
    Duration maxClockSkew,
    double maxSessionJp,
    Duration dedupHorizon,
    PipelineEvents events,
    String unitsStore,
    boolean rebuildsEventIds) {

  public IngestSettings {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(dedupHorizon, "dedupHorizon");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(unitsStore, "unitsStore");
  }
}
