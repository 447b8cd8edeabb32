package id.go.bkn.asn.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the app, built and validated once at start-up. Four layers,
 * the later winning: this class's defaults (application id {@value #DEFAULT_APPLICATION_ID},
 * exactly_once_v2, explicit naming of internal resources enforced, KIP-1034 dead-letter queue on
 * the dead-letters topic, state under the data dir, a 1 s commit interval); then {@link
 * #withExtraProperties extra properties} of the topology's stages (the ingest stage's exception
 * handlers); then the Kafka client properties of the connection ({@code KAFKA_*} variables, {@code
 * kafka.*} in the config file); then what the command line set explicitly. Immutable; {@link
 * #redacted()} is what may be logged.
 */
public final class StreamsSettings {

  /** The application id when none is given: prefix of every internal topic and consumer group. */
  public static final String DEFAULT_APPLICATION_ID = "asn-participation";

  /** Commit (and with exactly_once_v2: transaction) interval when none is given. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1_000;

  /** The subdirectory of the data dir that holds the state stores. */
  public static final String STATE_SUBDIR = "streams";

  private static final Set<String> GUARANTEES =
      Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

  /** Legal characters of an application id, which names topics (Kafka's topic name rule). */
  private static final Pattern APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  /**
   * What the command line set; a null field was not given, so a lower layer decides.
   *
   * @param applicationId {@code application.id}
   * @param processingGuarantee {@code processing.guarantee}: exactly_once_v2 or at_least_once
   * @param dataDir the state stores go to {@code dataDir/streams} (required)
   * @param numStreamThreads {@code num.stream.threads}, at least 1
   */
  public record Options(
      String applicationId, String processingGuarantee, Path dataDir, Integer numStreamThreads) {

    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Nothing set but the data dir. */
    public static Options defaults(final Path dataDir) {
      return new Options(null, null, dataDir, null);
    }
  }

  private final KafkaConnection kafka;
  private final Options options;
  private final String deadLetterTopic;
  private final Map<String, Object> extra;
  private final Map<String, Object> properties;

  private StreamsSettings(
      final KafkaConnection kafka,
      final Options options,
      final String deadLetterTopic,
      final Map<String, ?> extra) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.options = Objects.requireNonNull(options, "options");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.extra = Map.copyOf(extra);
    this.properties = Collections.unmodifiableMap(merge());
    validate(properties);
  }

  /**
   * The settings of the app.
   *
   * @param kafka the cluster and its client properties
   * @param options what the command line set
   * @param deadLetterTopic the topic of records that cannot be processed ({@code
   *     training.dead-letters})
   * @throws IllegalArgumentException with a one-line message naming the property when a value is
   *     invalid
   */
  public static StreamsSettings of(
      final KafkaConnection kafka, final Options options, final String deadLetterTopic) {
    return new StreamsSettings(kafka, options, deadLetterTopic, Map.of());
  }

  /**
   * These settings plus properties a stage of the topology needs (exception handlers and their
   * settings), above the defaults and below the user's properties and options. The hook for {@code
   * IngestStreamsConfig.properties(TopicNames)}.
   */
  public StreamsSettings withExtraProperties(final Map<String, ?> more) {
    final Map<String, Object> merged = new TreeMap<>(extra);
    merged.putAll(more);
    return new StreamsSettings(kafka, options, deadLetterTopic, merged);
  }

  /** A fresh copy of the properties, for {@code new KafkaStreams(topology, properties)}. */
  public Properties properties() {
    final Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** The properties as a sorted map with secrets hidden: what may be logged. */
  public Map<String, String> redacted() {
    return Redaction.redact(properties);
  }

  public String applicationId() {
    return String.valueOf(properties.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  public Path stateDir() {
    return Path.of(String.valueOf(properties.get(StreamsConfig.STATE_DIR_CONFIG)));
  }

  private Map<String, Object> merge() {
    final Map<String, Object> props = new TreeMap<>();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Every store, processor and internal topic must be named, so a refactoring cannot silently
    // rename a changelog and lose its state (the builder checks this when given the config).
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    // KIP-1034: records the handlers reject go to the contract's dead-letters topic.
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        options.dataDir().resolve(STATE_SUBDIR).toAbsolutePath().normalize().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    // exactly_once_v2 defaults to 100 ms, a transaction per task ten times a second; a second
    // keeps the output latency well below the emit interval at a tenth of the transactions.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(DEFAULT_COMMIT_INTERVAL_MS));
    // A global store's processor failing should go to the same handler as a task's (Kafka 5.0
    // makes this the default).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.putAll(extra);
    props.putAll(kafka.clientConfig());
    putIfGiven(props, StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
    putIfGiven(props, StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
    putIfGiven(props, StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.numStreamThreads());
    return props;
  }

  private static void putIfGiven(
      final Map<String, Object> props, final String key, final Object value) {
    if (value != null) {
      props.put(key, String.valueOf(value));
    }
  }

  private static void validate(final Map<String, Object> props) {
    final String applicationId = String.valueOf(props.get(StreamsConfig.APPLICATION_ID_CONFIG));
    if (!APPLICATION_ID.matcher(applicationId).matches()) {
      throw new IllegalArgumentException(
          "application.id must be 1-200 letters, digits, '.', '_' or '-', got '"
              + applicationId
              + "'");
    }
    final String guarantee = String.valueOf(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    if (!GUARANTEES.contains(guarantee)) {
      throw new IllegalArgumentException(
          "processing.guarantee must be exactly_once_v2 or at_least_once, got '" + guarantee + "'");
    }
    requireAtLeast(props, StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    requireAtLeast(props, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 0);
    try {
      // Kafka's own checks of every other value, without the config dump a StreamsConfig logs.
      StreamsConfig.configDef().parse(props);
    } catch (final ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void requireAtLeast(
      final Map<String, Object> props, final String key, final long minimum) {
    final String value = String.valueOf(props.get(key)).trim();
    final long number;
    try {
      number = Long.parseLong(value);
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
    }
    if (number < minimum) {
      throw new IllegalArgumentException(key + " must be at least " + minimum + ", got " + number);
    }
  }

  @Override
  public String toString() {
    return "StreamsSettings" + redacted();
  }
}
