package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.error.DeadLetterProcessingHandler;
import id.go.bkn.asn.error.DeadLetterProductionHandler;
import id.go.bkn.asn.error.HandlerConfig;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.topology.TopicNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties the ingest stage relies on, for the app to merge into its
 * StreamsConfig: the dead-letter topic of KIP-1034 ({@code training.dead-letters}), {@link
 * DeadLetterDeserializationHandler} as the deserialization handler, so a record that does not
 * decode is set aside instead of stopping the app, and the processing and production handlers of
 * package {@code error} (README, "When something fails"); optionally the {@link PipelineEvents}
 * that handler counts on, under {@link #PIPELINE_EVENTS_CONFIG} (an object, not a string: Kafka
 * hands the original config values to the handler's configure). The stage needs no topology
 * optimization; whatever the app sets, no source topic is reused as a changelog, because the roster
 * store is written by a processor and not built from a KTable source.
 */
public final class IngestStreamsConfig {

  /** Config key under which the app passes its {@link PipelineEvents} to the handler. */
  public static final String PIPELINE_EVENTS_CONFIG = HandlerConfig.PIPELINE_EVENTS;

  /**
   * Config key under which the app passes its wall clock to the handlers, which stamp set-aside
   * records with it (a fixed clock in tests).
   */
  public static final String CLOCK_CONFIG = HandlerConfig.CLOCK;

  private IngestStreamsConfig() {}

  /** The properties, without metrics for the deserialization handler. */
  public static Map<String, Object> properties(final TopicNames topics) {
    final Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
    properties.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    properties.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    // The global thread (reference.units, reference.programs) too: without it an exception there
    // kills the global thread and with it the whole client. Kafka cannot send dead letters from
    // the global thread yet, so there the handler's answer is only to go on; bad reference records
    // are set aside by the reference judge (topology.ReferenceAuditTopology).
    properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    properties.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
    return properties;
  }

  /** The properties, with the metrics the deserialization handler counts DEAD_LETTER on. */
  public static Map<String, Object> properties(
      final TopicNames topics, final PipelineEvents events) {
    final Map<String, Object> properties = properties(topics);
    properties.put(PIPELINE_EVENTS_CONFIG, events);
    return properties;
  }

  /** The properties, with the metrics and the wall clock the handlers use. */
  public static Map<String, Object> properties(
      final TopicNames topics, final PipelineEvents events, final java.time.Clock clock) {
    final Map<String, Object> properties = properties(topics, events);
    properties.put(CLOCK_CONFIG, clock);
    return properties;
  }
}
