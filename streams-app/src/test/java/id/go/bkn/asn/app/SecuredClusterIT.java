package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.http.HttpSecurity;
import id.go.bkn.asn.http.PipelineHttpServer;
import id.go.bkn.asn.local.BrokerSecurity;
import id.go.bkn.asn.local.EmbeddedKafkaBroker;
import id.go.bkn.asn.local.Resources;
import id.go.bkn.asn.local.TestCertificates;
import id.go.bkn.asn.registry.KafkaSchemaLog;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import id.go.bkn.asn.registry.server.SchemaRegistryServer;
import id.go.bkn.asn.security.PipelineAcls;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topics.TopicAdmin;
import id.go.bkn.asn.topics.TopicSettings;
import id.go.bkn.asn.topology.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a secured cluster, as a BKN deployment runs it: the embedded broker with SASL_SSL
 * and SCRAM-SHA-512 over TLS and the StandardAuthorizer, the registry over TLS with basic auth, the
 * ACLs of {@code ./pipeline acls --apply} and nothing else. The simulator and the importer write as
 * the event source, the app runs as {@code asn-app}; then the data team may read the aggregates and
 * nothing that holds personal data, and wrong credentials get nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final String APP_ID = "asn-secured-it";
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String ADMIN = "admin";
  private static final String APP = "asn-app";
  private static final String SOURCE = "asn-source";
  private static final String DATA_TEAM = "asn-data-team";
  private static final String RESTRICTED = "asn-restricted-reader";
  private static final String REGISTRY_USER = "asn-registry-client";

  private final Resources resources = new Resources();
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private Path dir;
  private TestCertificates certificates;
  private BrokerSecurity security;
  private EmbeddedKafkaBroker broker;
  private SchemaRegistryServer registry;
  private String registryPassword;
  private PipelineApp app;
  private final String httpPassword = "http-" + UUID.randomUUID();
  private final InfoLines logs = new InfoLines();

  /**
   * The paths of the app's HTTP port whose answers the personal-data scan reads. The page and the
   * API of #12 are added here, one line each (e.g. "/", "/api/v1/units").
   */
  private static final List<String> SCANNED_HTTP_PATHS =
      List.of(
          "/metrics",
          "/api/v1/units",
          "/api/v1/activity",
          "/api/v1/activity?format=csv",
          "/api/v1/jp-ytd",
          "/api/v1/programs",
          "/api/v1/alerts",
          "/api/v1/alerts/history");

  @BeforeAll
  void startSecuredCluster() throws Exception {
    logs.start();
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .addAppender(logs);
    dir = Files.createTempDirectory("secured-it-");
    certificates = TestCertificates.create(dir);
    for (final String user : List.of(ADMIN, APP, SOURCE, DATA_TEAM, RESTRICTED)) {
      passwords.put(user, "pw-" + UUID.randomUUID());
    }
    final Map<String, String> users = new HashMap<>(passwords);
    users.remove(ADMIN);
    security =
        new BrokerSecurity(
            certificates.keyStore(),
            certificates.keyStorePassword(),
            certificates.trustStore(),
            certificates.trustStorePassword(),
            "User:" + certificates.subject(),
            ADMIN,
            passwords.get(ADMIN),
            users);
    broker =
        EmbeddedKafkaBroker.builder(dir.resolve("kafka"))
            .port(0)
            .controllerPort(0)
            .security(security)
            .start();
    resources.push(broker);
    final Map<String, Object> admin = clientConfig(ADMIN);
    try (Admin client = Admin.create(admin)) {
      new TopicAdmin(client, TopicSettings.defaults()).createTopics();
    }
    // The registry keeps its schemas in _schemas as the admin: it is infrastructure, like a
    // Confluent registry with its own principal and ACLs.
    final KafkaSchemaLog schemaLog =
        new KafkaSchemaLog(admin, KafkaSchemaLog.DEFAULT_TOPIC, Duration.ofSeconds(60));
    resources.push(schemaLog);
    registryPassword = "reg-" + UUID.randomUUID();
    registry =
        SchemaRegistryServer.start(
            "127.0.0.1",
            0,
            new SchemaRegistryStore(schemaLog),
            HttpSecurity.of(
                certificates.keyStore(),
                certificates.keyStorePassword(),
                REGISTRY_USER + ":" + registryPassword,
                Set.of()));
    resources.push(registry);

    final Cli acls =
        cli(
            ADMIN,
            "acls",
            "--apply",
            "--application-id",
            APP_ID,
            "--app-principal",
            "User:" + APP,
            "--source-principal",
            "User:" + SOURCE,
            "--data-team-principal",
            "User:" + DATA_TEAM,
            "--restricted-reader-principal",
            "User:" + RESTRICTED);
    assertThat(acls.code()).as(acls.err()).isZero();
    assertThat(acls.out()).contains("Applied");
  }

  @AfterAll
  void stop() throws IOException {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .detachAppender(logs);
    if (app != null) {
      app.close();
    }
    resources.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Test
  @Order(1)
  void shouldRunEndToEndWhenEveryClientUsesItsOwnPrincipal() throws Exception {
    final Cli simulate =
        cli(
            SOURCE,
            "simulate",
            "--from",
            simulationStart().toString(),
            "--speed",
            "50000",
            "--rate",
            "3000",
            "--events",
            "4000",
            "--seed",
            "13");
    assertThat(simulate.code()).as(simulate.err()).isZero();
    assertThat(simulate.out()).contains("Generated");

    final Path file = dir.resolve("feedback.jsonl");
    Files.writeString(
        file,
        "{\"eventId\":\"it-1\",\"employeeId\":\""
            + IMPORTED_EMPLOYEE
            + "\",\"programId\":\"TEK-01\",\"runId\":\"r1\",\"overall\":2,\"comment\":\""
            + IMPORTED_COMMENT
            + "\",\"occurredAt\":\""
            + Instant.now().minus(Duration.ofHours(1))
            + "\",\"source\":\"LMS\"}\n");
    final Cli imported = cli(SOURCE, "import", "--topic", "training.feedback", file.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Imported 1 of 1 records into training.feedback");

    app =
        PipelineApp.start(
            appSettings(), PipelineApp.TopologyFactory.PARTICIPATION, Clock.systemUTC());

    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                app.state() == KafkaStreams.State.RUNNING
                    && !app.aggregates().roots().isEmpty()
                    && count(RESTRICTED, ContractTopic.EMPLOYEE_JP_YTD.topicName()) > 0
                    && count(RESTRICTED, ContractTopic.UNIT_ACTIVITY_WEEKLY.topicName()) > 0);
    assertThat(app.terminated()).isNotDone();
    // Least privilege is enough: no client of the app, simulator or importer was refused.
    assertThat(logs.lines())
        .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("authoriz"));
  }

  @Test
  @Order(2)
  void shouldLetTheDataTeamReadTheAggregatesWhenAllowed() {
    assertThat(count(DATA_TEAM, ContractTopic.UNIT_ACTIVITY_WEEKLY.topicName())).isPositive();
    assertThat(count(RESTRICTED, ContractTopic.EMPLOYEE_JP_YTD.topicName())).isPositive();

    final Cli consume =
        cli(DATA_TEAM, "consume", "--topic", "analytics.unit-activity-weekly", "--max", "3");
    final Cli refused = cli(DATA_TEAM, "consume", "--topic", "restricted.employee-jp-ytd");

    assertThat(consume.code()).as(consume.err()).isZero();
    assertThat(consume.out().lines()).hasSize(3).allMatch(l -> l.contains("\"windowSize\""));
    assertThat(refused.code()).isEqualTo(PipelineMain.FAILED);
    assertThat(refused.err().strip())
        .startsWith("Error: Kafka at ")
        .contains("Not authorized", "restricted.employee-jp-ytd")
        .doesNotContain("\tat ");
  }

  @Test
  @Order(3)
  void shouldRefuseTheDataTeamEveryTopicWithPersonalDataWhenNotAllowed() throws Exception {
    final List<String> refused = new ArrayList<>();
    refused.add(ContractTopic.EMPLOYEE_JP_YTD.topicName());
    for (final ContractTopic topic : ContractTopic.values()) {
      if (topic.role() == ContractTopic.Role.INPUT
          || topic.role() == ContractTopic.Role.REFERENCE
          || topic.role() == ContractTopic.Role.SIDE) {
        refused.add(topic.topicName());
      }
    }
    final Set<String> internal = internalTopics();
    assertThat(internal)
        .contains(APP_ID + "-asn-tree-repartition", APP_ID + "-tree-ytd-employees-changelog");
    refused.addAll(internal);
    final String readme = Files.readString(readme());
    for (final String topic : internal) {
      // The README's list of where personal data lives must name every internal topic.
      assertThat(readme).contains("`<app>" + topic.substring(APP_ID.length()) + "`");
    }

    for (final String topic : refused) {
      assertThatThrownBy(() -> readOne(DATA_TEAM, topic))
          .as(topic)
          .isInstanceOf(TopicAuthorizationException.class);
    }
    for (final String topic : internal) {
      assertThatThrownBy(() -> readOne(RESTRICTED, topic))
          .as(topic)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  @Order(4)
  void shouldRefuseTheDataTeamTheAppsGroupAndTransactionsWhenTried() {
    final Map<String, Object> consumer = consumerConfig(DATA_TEAM, APP_ID);
    try (KafkaConsumer<byte[], byte[]> client =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      client.subscribe(List.of(ContractTopic.UNIT_ACTIVITY_WEEKLY.topicName()));
      assertThatThrownBy(() -> pollUntilFailure(client))
          .isInstanceOf(GroupAuthorizationException.class);
    }
    final Map<String, Object> producer = new HashMap<>(clientConfig(DATA_TEAM));
    producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, APP_ID + "-" + UUID.randomUUID() + "-1");
    producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (KafkaProducer<String, String> client =
        new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(client::initTransactions)
          .isInstanceOf(TransactionalIdAuthorizationException.class);
    }
  }

  @Test
  @Order(5)
  void shouldRefuseToConnectWhenCredentialsAreWrong() {
    final Map<String, Object> config = new HashMap<>(clientConfig(DATA_TEAM));
    config.putAll(security.clientProperties(DATA_TEAM, "not-the-password"));
    try (Admin client = Admin.create(config)) {
      assertThatThrownBy(() -> client.listTopics().names().get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    final Cli wrong =
        cli(Map.of("KAFKA_SASL_JAAS_CONFIG", jaas(SOURCE, "wrong")), SOURCE, "topics");
    assertThat(wrong.code()).isEqualTo(PipelineMain.FAILED);
    assertThat(wrong.err()).contains("Authentication failed").doesNotContain("\tat ");
  }

  @Test
  @Order(5)
  void shouldSayWhoMayApplyAclsWhenANonAdministratorTries() {
    final Cli refused = cli(DATA_TEAM, "acls", "--apply", "--application-id", APP_ID);

    assertThat(refused.code()).isEqualTo(PipelineMain.FAILED);
    assertThat(refused.err().strip().lines())
        .singleElement()
        .asString()
        .contains("refused to create ACLs for this principal", "super user");
  }

  @Test
  @Order(6)
  void shouldAskForCredentialsWhenTheRegistryIsCalledWithout() throws Exception {
    final HttpClient client = HttpClient.newBuilder().sslContext(trustingTestCa()).build();
    final URI subjects = URI.create(registry.url() + "/subjects");
    assertThat(registry.url()).startsWith("https://");

    final HttpResponse<String> anonymous =
        client.send(HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString());
    final HttpResponse<String> authorized =
        client.send(
            HttpRequest.newBuilder(subjects)
                .header("Authorization", basic(REGISTRY_USER, registryPassword))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(authorized.statusCode()).isEqualTo(200);
    assertThat(authorized.body()).contains("training.feedback-value");
  }

  @Test
  @Order(7)
  void shouldFindNoEmployeeIdOrCommentWhenAggregatesMetricsAndLogsAreScanned() throws Exception {
    final PersonalData input = inputPersonalData();
    assertThat(input.employeeIds()).isGreaterThan(1_000);
    assertThat(input.comments()).isGreaterThanOrEqualTo(5);
    assertThat(input.hasEmployeeId(IMPORTED_EMPLOYEE)).isTrue();
    assertThat(input.hasComment(IMPORTED_COMMENT)).isTrue();
    // The finder finds what is there: restricted.employee-jp-ytd is keyed by employee id.
    final List<String> restricted = new ArrayList<>();
    for (final ConsumerRecord<byte[], byte[]> record :
        readAll(RESTRICTED, ContractTopic.EMPLOYEE_JP_YTD.topicName())) {
      restricted.addAll(input.findIn(new String(record.key(), StandardCharsets.UTF_8)));
    }
    assertThat(restricted).isNotEmpty();

    final List<String> leaks = new ArrayList<>();
    int records = 0;
    try (var registryClient =
            id.go.bkn.asn.registry.SchemaRegistryClients.create(
                RegistryClientConfig.fromMap(registryProperties()));
        var values = id.go.bkn.asn.serde.AvroDeserializer.generic(registryClient)) {
      for (final String topic : publicTopics()) {
        for (final ConsumerRecord<byte[], byte[]> record : readAll(DATA_TEAM, topic)) {
          records++;
          final StringBuilder text = new StringBuilder();
          text.append(new String(record.key(), StandardCharsets.UTF_8)).append(' ');
          text.append(values.deserialize(topic, record.value())).append(' ');
          record.headers().forEach(h -> text.append(new String(h.value(), StandardCharsets.UTF_8)));
          input
              .findIn(text.toString())
              .forEach(f -> leaks.add(topic + "@" + record.offset() + ": " + f));
        }
      }
    }
    assertThat(records).isGreaterThan(100);

    final HttpClient client = HttpClient.newBuilder().sslContext(trustingTestCa()).build();
    final URI metrics = URI.create(app.httpUrl() + "/metrics");
    assertThat(app.httpUrl()).startsWith("https://");
    assertThat(
            client
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    for (final String path : SCANNED_HTTP_PATHS) {
      final HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(URI.create(app.httpUrl() + path))
                  .header("Authorization", basic("prometheus", httpPassword))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      input.findIn(answer.body()).forEach(f -> leaks.add(path + ": " + f));
    }
    final String scraped =
        client
            .send(
                HttpRequest.newBuilder(metrics)
                    .header("Authorization", basic("prometheus", httpPassword))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(scraped).contains("asn_unit_participation_ratio{", "asn_pipeline_events_total{");

    final List<String> lines = logs.lines();
    assertThat(lines).anyMatch(l -> l.contains("Streams state REBALANCING -> RUNNING"));
    for (final String line : lines) {
      input.findIn(line).forEach(f -> leaks.add("log: " + f + " in " + line));
    }

    assertThat(leaks).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private static final String IMPORTED_EMPLOYEE = "199107132019031004";
  private static final String IMPORTED_COMMENT =
      "Komentar rahasia uji keamanan " + UUID.randomUUID();

  /** The aggregate and alert topics, which a data team reads. */
  private static List<String> publicTopics() {
    return Stream.of(ContractTopic.values())
        .map(ContractTopic::topicName)
        .filter(t -> t.startsWith("analytics.") || t.startsWith("alerts."))
        .toList();
  }

  /** Every employee id and comment of the input topics, read as the admin. */
  private PersonalData inputPersonalData() throws Exception {
    final PersonalData data = new PersonalData();
    try (var registryClient =
            id.go.bkn.asn.registry.SchemaRegistryClients.create(
                RegistryClientConfig.fromMap(registryProperties()));
        var values = id.go.bkn.asn.serde.AvroDeserializer.generic(registryClient)) {
      for (final ContractTopic topic : ContractTopic.values()) {
        if (topic.role() != ContractTopic.Role.INPUT
            && topic != ContractTopic.REFERENCE_EMPLOYEES) {
          continue;
        }
        for (final ConsumerRecord<byte[], byte[]> record : readAll(ADMIN, topic.topicName())) {
          final org.apache.avro.generic.GenericRecord value;
          try {
            value = values.deserialize(topic.topicName(), record.value());
          } catch (final org.apache.kafka.common.errors.SerializationException e) {
            continue; // the simulator's deliberately undecodable records
          }
          if (value == null) {
            continue;
          }
          if (value.hasField("employeeId") && value.get("employeeId") != null) {
            data.addEmployeeId(value.get("employeeId").toString());
          }
          if (value.hasField("comment") && value.get("comment") != null) {
            data.addComment(value.get("comment").toString());
          }
        }
      }
    }
    return data;
  }

  /** Every log line at INFO or above, of every logger, formatted with its exception. */
  private static final class InfoLines
      extends ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> {
    private final java.util.Queue<String> lines =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    protected void append(final ch.qos.logback.classic.spi.ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)) {
        final StringBuilder line = new StringBuilder(event.getLoggerName());
        line.append(' ').append(event.getFormattedMessage());
        for (var cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
          line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        lines.add(line.toString());
      }
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }

  private static Path readme() {
    final Path fromModule = Path.of("..", "README.md");
    return Files.exists(fromModule) ? fromModule : Path.of("README.md");
  }

  /** The Monday two weeks ago in WIB: one closed week, and the present one open. */
  private static LocalDate simulationStart() {
    return LocalDate.now(ZoneId.of("Asia/Jakarta"))
        .minusWeeks(2)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private PipelineApp.Settings appSettings() {
    final TopicNames topics = TopicNames.contract();
    final Map<String, String> kafka =
        new HashMap<>(security.clientProperties(APP, passwords.get(APP)));
    final KafkaConnection connection = new KafkaConnection(broker.bootstrapServers(), kafka);
    return new PipelineApp.Settings(
        StreamsSettings.of(
            connection,
            new StreamsSettings.Options(APP_ID, null, dir.resolve("app"), null),
            topics.deadLetters()),
        TopologySettings.DEFAULTS,
        topics,
        RegistryClientConfig.fromMap(registryProperties()),
        "127.0.0.1",
        0,
        Duration.ofSeconds(20),
        HttpSecurity.of(
            certificates.keyStore(),
            certificates.keyStorePassword(),
            "prometheus:" + httpPassword,
            PipelineHttpServer.OPEN_PATHS));
  }

  private Map<String, Object> registryProperties() {
    final Map<String, Object> props = new HashMap<>();
    props.put(RegistryClientConfig.URL, registry.url());
    props.put(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
    props.put(RegistryClientConfig.BASIC_AUTH_USER_INFO, REGISTRY_USER + ":" + registryPassword);
    props.put(RegistryClientConfig.TRUSTSTORE_LOCATION, certificates.trustStore().toString());
    props.put(RegistryClientConfig.TRUSTSTORE_PASSWORD, certificates.trustStorePassword());
    props.put(RegistryClientConfig.TRUSTSTORE_TYPE, "PKCS12");
    return props;
  }

  private Map<String, Object> clientConfig(final String user) {
    final Map<String, Object> config =
        new HashMap<>(security.clientProperties(user, passwords.get(user)));
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("default.api.timeout.ms", 60_000);
    config.put("request.timeout.ms", 30_000);
    return config;
  }

  private Map<String, Object> consumerConfig(final String user, final String group) {
    final Map<String, Object> config = new HashMap<>(clientConfig(user));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /** Records on the topic now, read as {@code user} from the start. */
  private int count(final String user, final String topic) {
    return readAll(user, topic).size();
  }

  /** Every committed record of the topic now, read as {@code user}. */
  List<ConsumerRecord<byte[], byte[]>> readAll(final String user, final String topic) {
    final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(user, PipelineAcls.DEFAULT_READER_GROUP_PREFIX + UUID.randomUUID()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(TIMEOUT)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
    }
    return records;
  }

  /** Reads the topic as {@code user}; throws what the cluster answers. */
  private void readOne(final String user, final String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(user, PipelineAcls.DEFAULT_READER_GROUP_PREFIX + UUID.randomUUID()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      pollUntilFailure(consumer);
    }
  }

  /** Polls until the client throws, at most {@link #TIMEOUT}; returns normally if it never does. */
  private static void pollUntilFailure(final KafkaConsumer<byte[], byte[]> consumer) {
    final long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(500));
    }
  }

  /** The app's internal topics on the broker, as the admin lists them. */
  private Set<String> internalTopics() throws Exception {
    try (Admin admin = Admin.create(clientConfig(ADMIN))) {
      return admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(APP_ID + "-"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private record Cli(int code, String out, String err) {}

  private Cli cli(final String user, final String... args) {
    return cli(Map.of(), user, args);
  }

  /** Runs {@code ./pipeline args} in this JVM with the environment of {@code user}. */
  private Cli cli(final Map<String, String> overrides, final String user, final String... args) {
    final Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KAFKA_SASL_MECHANISM", BrokerSecurity.MECHANISM);
    env.put("KAFKA_SASL_JAAS_CONFIG", jaas(user, passwords.get(user)));
    env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", certificates.trustStore().toString());
    env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", certificates.trustStorePassword());
    env.put("SCHEMA_REGISTRY_URL", registry.url());
    env.put("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", REGISTRY_USER + ":" + registryPassword);
    env.put("SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE", "PKCS12");
    env.put("SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", certificates.trustStore().toString());
    env.put("SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", certificates.trustStorePassword());
    env.putAll(overrides);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int code = PipelineMain.execute(args, env, new PrintWriter(out), new PrintWriter(err));
    return new Cli(code, out.toString(), err.toString());
  }

  private static String jaas(final String user, final String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static String basic(final String user, final String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private SSLContext trustingTestCa() throws Exception {
    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(certificates.trustStore())) {
      store.load(in, certificates.trustStorePassword().toCharArray());
    }
    final TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
