package id.go.bkn.asn.error;

import id.go.bkn.asn.metrics.PipelineEvents;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the exception handlers read from the config map Kafka Streams configures them with: the
 * dead-letter topic of KIP-1034, and the app's {@link PipelineEvents} and wall clock, which the app
 * passes as objects under {@link #PIPELINE_EVENTS} and {@link #CLOCK} (Kafka instantiates handlers
 * from class names, so objects can only arrive this way). Without them nothing is counted and the
 * system clock is used.
 */
public final class HandlerConfig {

  /** Config key under which the app passes its {@link PipelineEvents}. */
  public static final String PIPELINE_EVENTS = "asn.pipeline.events";

  /** Config key under which the app passes its wall clock (a fixed one in tests). */
  public static final String CLOCK = "asn.clock";

  private String deadLetterTopic;
  private PipelineEvents events = PipelineEvents.NONE;
  private Clock clock = Clock.systemUTC();

  /** Reads the three from Kafka's config map. */
  public void configure(final Map<String, ?> configs) {
    final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic == null ? null : topic.toString();
    if (configs.get(PIPELINE_EVENTS) instanceof PipelineEvents given) {
      events = given;
    }
    if (configs.get(CLOCK) instanceof Clock given) {
      clock = given;
    }
  }

  /** The dead-letter topic, or null when none is configured. */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  /** The metrics to count set-aside records on. */
  public PipelineEvents events() {
    return events;
  }

  /** The wall clock that stamps set-aside records. */
  public Clock clock() {
    return clock;
  }
}
