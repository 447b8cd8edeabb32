package id.go.bkn.asn.app;

import id.go.bkn.asn.api.ApiHandler;
import id.go.bkn.asn.api.ApiQueries;
import id.go.bkn.asn.api.ApiSource;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.http.HttpSecurity;
import id.go.bkn.asn.http.PipelineHttpServer;
import id.go.bkn.asn.local.Resources;
import id.go.bkn.asn.metrics.MicrometerPipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.topology.ParticipationTopology;
import id.go.bkn.asn.topology.ReferenceAuditTopology;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.topology.TopologyContext;
import id.go.bkn.asn.topology.TopologySerdes;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateView;
import id.go.bkn.asn.view.UnitSeriesFilter;
import id.go.bkn.asn.web.WebHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams app: a schema registry client and the serdes on it, the topology, the Kafka
 * Streams client, the reference judge's own small client, started first (it decides once which
 * records of the reference topics the global stores get and sets the others aside, which the main
 * client's global thread cannot: {@link ReferenceAuditTopology}; the main client starts once it has
 * caught up), the Prometheus meter registry (Kafka Streams, JVM and pipeline meters), the aggregate
 * view and the HTTP endpoints (metrics, health, the web dashboard at {@code /} and the read-only
 * API under {@code /api/v1/}). {@link #start} builds them in that order and starts them; {@link
 * #close} stops them in reverse, the streams client within the close timeout. A stream thread that
 * dies of an unexpected exception is replaced, so one bad moment does not stop the instance. Used
 * by {@code ./pipeline run} and {@code ./pipeline demo}; tests give it a small stand-in topology.
 */
public final class PipelineApp implements AutoCloseable {

  /** How long {@link #close} waits for the streams client to commit and leave. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(PipelineApp.class);

  /** How long the main client waits for the reference judge to catch up before it starts. */
  static final Duration JUDGE_CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

  /** Builds the topology from its context and the streams config. */
  @FunctionalInterface
  public interface TopologyFactory {

    /** The participation topology (whose stages may still be stubs). */
    TopologyFactory PARTICIPATION =
        new TopologyFactory() {
          @Override
          public Topology build(final TopologyContext context, final TopologyConfig config) {
            return new ParticipationTopology(context).build(config);
          }

          @Override
          public Optional<Topology> audit(
              final TopologyContext context, final TopologyConfig config) {
            return Optional.of(ReferenceAuditTopology.build(context, config));
          }

          @Override
          public boolean judged() {
            return true;
          }
        };

    Topology build(TopologyContext context, TopologyConfig config);

    /**
     * The topology of the second client that sets bad reference records aside ({@link
     * ReferenceAuditTopology}), if the topology has one; stand-ins have none.
     */
    default Optional<Topology> audit(final TopologyContext context, final TopologyConfig config) {
      return Optional.empty();
    }

    /**
     * Whether the global stores read the reference judge's valid-record topics ({@link
     * TopicNames#judgedBy}); only a topology with a judge can.
     */
    default boolean judged() {
      return false;
    }
  }

  /**
   * Everything the app is started with, validated before.
   *
   * @param streams the Kafka Streams properties
   * @param topology what the topology is told
   * @param topics the topic names
   * @param registry the schema registry to use
   * @param httpHost the address of the HTTP endpoints (0.0.0.0: every interface)
   * @param httpPort their port (0: a free one)
   * @param closeTimeout how long closing waits for the streams client
   * @param httpSecurity TLS and basic auth of the HTTP endpoints, {@link HttpSecurity#NONE} if off
   */
  public record Settings(
      StreamsSettings streams,
      TopologySettings topology,
      TopicNames topics,
      RegistryClientConfig registry,
      String httpHost,
      int httpPort,
      Duration closeTimeout,
      HttpSecurity httpSecurity) {

    /** Settings with plain HTTP endpoints, without authentication. */
    public Settings(
        final StreamsSettings streams,
        final TopologySettings topology,
        final TopicNames topics,
        final RegistryClientConfig registry,
        final String httpHost,
        final int httpPort,
        final Duration closeTimeout) {
      this(
          streams, topology, topics, registry, httpHost, httpPort, closeTimeout, HttpSecurity.NONE);
    }

    public Settings {
      Objects.requireNonNull(httpSecurity, "httpSecurity");
      Objects.requireNonNull(streams, "streams");
      Objects.requireNonNull(topology, "topology");
      Objects.requireNonNull(topics, "topics");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
    }
  }

  private final Resources resources;
  private final String applicationId;
  private final KafkaStreams streams;
  private final KafkaStreams audit;
  private final AggregateView view;
  private final PipelineHttpServer http;
  private final MeterRegistry meters;
  private final CompletableFuture<KafkaStreams.State> terminated;

  private PipelineApp(
      final Resources resources,
      final String applicationId,
      final KafkaStreams streams,
      final KafkaStreams audit,
      final AggregateView view,
      final PipelineHttpServer http,
      final MeterRegistry meters,
      final CompletableFuture<KafkaStreams.State> terminated) {
    this.resources = resources;
    this.applicationId = applicationId;
    this.streams = streams;
    this.audit = audit;
    this.view = view;
    this.http = http;
    this.meters = meters;
    this.terminated = terminated;
  }

  /**
   * Builds and starts the app; on any failure closes what was built and rethrows.
   *
   * @throws id.go.bkn.asn.http.HttpPortInUseException when the HTTP port is taken
   */
  public static PipelineApp start(
      final Settings settings, final TopologyFactory factory, final Clock clock) {
    return start(settings, factory, clock, UnitSeriesFilter.ALL);
  }

  /**
   * The same, with per-unit business gauges only for the units {@code exported} lets through (the
   * aggregate view itself keeps every unit).
   */
  public static PipelineApp start(
      final Settings settings,
      final TopologyFactory factory,
      final Clock clock,
      final UnitSeriesFilter exported) {
    final Resources resources = new Resources();
    try {
      final SchemaRegistryClient registry = SchemaRegistryClients.create(settings.registry());
      resources.push(registry::close);
      final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      resources.push(meters::close);
      final PipelineEvents events = new MicrometerPipelineEvents(meters);
      final TopologySettings topologySettings =
          InputPartitions.of(
              settings.topology(),
              List.of(
                  settings.topics().employees(),
                  settings.topics().enrollments(),
                  settings.topics().attendance(),
                  settings.topics().feedback()),
              settings.streams().properties());
      final TopicNames topics =
          factory.judged()
              ? settings.topics().judgedBy(settings.streams().applicationId())
              : settings.topics();
      final TopologyContext context =
          new TopologyContext(topologySettings, topics, TopologySerdes.on(registry), clock, events);
      // The ingest stage's dead-letter handler is set up by Kafka from these properties.
      final Properties props =
          settings
              .streams()
              .withExtraProperties(IngestStreamsConfig.properties(settings.topics(), events, clock))
              .properties();
      final Topology topology = build(factory, context, props);
      LOG.info("Streams settings: {}", settings.streams().redacted());
      LOG.info("Topology settings: {}", topologySettings);
      LOG.info("Topology:\n{}", topology.describe());

      final KafkaStreams streams = new KafkaStreams(topology, props);
      final CompletableFuture<KafkaStreams.State> terminated = new CompletableFuture<>();
      streams.setStateListener(
          (newState, oldState) -> {
            LOG.info("Streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR
                || newState == KafkaStreams.State.NOT_RUNNING) {
              terminated.complete(newState);
            }
          });
      // The handlers set bad records aside; what kills a thread is unexpected, and a fresh
      // thread is the best next try, a bounded number of times.
      final ThreadDeathPolicy deaths = ThreadDeathPolicy.standard(clock, meters);
      streams.setUncaughtExceptionHandler(deaths);
      resources.push(() -> streams.close(CloseOptions.timeout(settings.closeTimeout())));
      bindMeters(streams, meters, resources);
      final KafkaStreams audit = audit(factory, context, props, deaths, settings, resources);
      final Supplier<KafkaStreams.State> state = () -> readiness(streams, audit);
      Gauge.builder("asn.pipeline.ready", state, s -> s.get() == KafkaStreams.State.RUNNING ? 1 : 0)
          .description("1 while the streams client (and the reference judge) is RUNNING")
          .register(meters);

      // Business gauges come from the committed aggregate topics, read whole by every instance.
      final AggregateView view =
          AggregateView.start(
              viewConsumerConfig(props, settings.streams().applicationId()),
              registry,
              settings.topics(),
              meters,
              clock,
              AggregateView.DEFAULT_REFRESH,
              exported);
      resources.push(view);

      // The web dashboard and the read-only API read the same view as the business gauges.
      final ApiQueries queries =
          new ApiQueries(ApiSource.of(view), clock, settings.topology().alerts().minCohort());
      final PipelineHttpServer http =
          PipelineHttpServer.start(
              settings.httpHost(),
              settings.httpPort(),
              meters,
              state,
              Map.of(ApiHandler.CONTEXT, new ApiHandler(queries), "/", new WebHandler()),
              settings.httpSecurity());
      resources.push(http);
      if (audit != null) {
        // The judge first: the global stores read what it accepts, and must be complete before
        // any event is processed.
        final Map<String, Object> admin =
            new StreamsConfig(props).getAdminConfigs(settings.streams().applicationId() + "-judge");
        ReferenceJudgeStartup.createValidTopics(admin, topics);
        audit.start();
        ReferenceJudgeStartup.awaitCaughtUp(
            admin,
            settings.streams().applicationId() + ReferenceAuditTopology.APPLICATION_ID_SUFFIX,
            List.of(topics.units(), topics.programs()),
            JUDGE_CATCH_UP_TIMEOUT,
            () ->
                audit.state().isRunningOrRebalancing()
                    || audit.state() == KafkaStreams.State.CREATED,
            Clock.systemUTC());
      }
      streams.start();
      LOG.info(
          "Streams app {} started, HTTP on {}", settings.streams().applicationId(), http.url());
      return new PipelineApp(
          resources,
          settings.streams().applicationId(),
          streams,
          audit,
          view,
          http,
          meters,
          terminated);
    } catch (final RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  /** The application id the instance runs under. */
  public String applicationId() {
    return applicationId;
  }

  /**
   * The streams client's state, RUNNING when ready; the reference judge's instead once it has
   * stopped while the main client runs (what {@code /health/ready} reports).
   */
  public KafkaStreams.State state() {
    return readiness(streams, audit);
  }

  /** What the aggregate view knows now: the figures behind the business gauges. */
  public AggregateSnapshot aggregates() {
    return view.snapshot();
  }

  /** The HTTP endpoints' base URL. */
  public String httpUrl() {
    return http.url();
  }

  /** The HTTP port (the chosen one when started with port 0). */
  public int httpPort() {
    return http.port();
  }

  /** The meters that {@code /metrics} serves: for an in-process view of the same figures. */
  public MeterRegistry meterRegistry() {
    return meters;
  }

  /** Completes with ERROR or NOT_RUNNING when the streams client stops, whatever the reason. */
  public CompletableFuture<KafkaStreams.State> terminated() {
    return terminated;
  }

  /** Stops the HTTP endpoints, the streams client (within the timeout) and the rest. */
  @Override
  public synchronized void close() {
    if (resources.isEmpty()) {
      return;
    }
    LOG.info("Stopping the streams app");
    resources.close();
  }

  private static Topology build(
      final TopologyFactory factory, final TopologyContext context, final Properties props) {
    return factory.build(context, new TopologyConfig(new StreamsConfig(props)));
  }

  /**
   * The reference judge's client, built (not started) under its own application id, with the same
   * thread-death policy as the main client; null when the topology has no audit.
   */
  private static KafkaStreams audit(
      final TopologyFactory factory,
      final TopologyContext context,
      final Properties props,
      final ThreadDeathPolicy deaths,
      final Settings settings,
      final Resources resources) {
    final Properties auditProps = ReferenceAuditTopology.properties(props);
    final Optional<Topology> topology =
        factory.audit(context, new TopologyConfig(new StreamsConfig(auditProps)));
    if (topology.isEmpty()) {
      return null;
    }
    final KafkaStreams audit = new KafkaStreams(topology.get(), auditProps);
    audit.setStateListener(
        (newState, oldState) -> LOG.info("Reference judge state {} -> {}", oldState, newState));
    audit.setUncaughtExceptionHandler(deaths);
    resources.push(() -> audit.close(CloseOptions.timeout(settings.closeTimeout())));
    return audit;
  }

  /**
   * What {@code /health/ready} and {@code asn_pipeline_ready} report: the main client's state,
   * unless the reference judge has stopped (reference changes would then no longer reach the
   * figures), when it is the judge's state.
   */
  static KafkaStreams.State readiness(final KafkaStreams streams, final KafkaStreams audit) {
    final KafkaStreams.State main = streams.state();
    if (audit == null || main != KafkaStreams.State.RUNNING) {
      return main;
    }
    final KafkaStreams.State other = audit.state();
    return other.isRunningOrRebalancing() || other == KafkaStreams.State.CREATED ? main : other;
  }

  /** The streams client's own consumer settings (connection, security), for the view's consumer. */
  private static Map<String, Object> viewConsumerConfig(
      final Properties props, final String applicationId) {
    final Map<String, Object> config =
        new StreamsConfig(props).getGlobalConsumerConfigs(applicationId + "-aggregate-view");
    config.keySet().retainAll(ConsumerConfig.configNames());
    return config;
  }

  private static void bindMeters(
      final KafkaStreams streams, final PrometheusMeterRegistry meters, final Resources resources) {
    final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    resources.push(streamsMetrics);
    final JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(meters);
    resources.push(gc);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ClassLoaderMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);
  }
}
