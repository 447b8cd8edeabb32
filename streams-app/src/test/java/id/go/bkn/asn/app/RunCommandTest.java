package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final Map<String, String> env, final String... args) {
    return PipelineMain.execute(args, env, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void shouldRefuseInOneLineWhenTheProcessingGuaranteeIsUnknown() {
    final int code = run(Map.of(), "run", "--processing-guarantee", "exactly_once");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: Invalid streams setting: processing.guarantee must be exactly_once_v2 or"
                + " at_least_once, got 'exactly_once'");
  }

  @Test
  void shouldRefuseWhenAKafkaVariableGivesABadGuarantee() {
    final int code = run(Map.of("KAFKA_PROCESSING_GUARANTEE", "maybe"), "run");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("processing.guarantee", "'maybe'").doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseWhenThreadsAreZero() {
    final int code = run(Map.of(), "run", "--num-stream-threads", "0");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: Invalid streams setting: num.stream.threads must be at least 1, got 0");
  }

  @Test
  void shouldRefuseInOneLineWhenTheRocksDbBoundIsBelowSixteenMebibytes() {
    final int code = run(Map.of(), "run", "--rocksdb-memory", "1000");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: --rocksdb-memory: the RocksDB memory bound must be at least 16 MiB, got 1000"
                + " bytes");
  }

  @Test
  void shouldSetTheSharedRocksDbConfigWhenABoundIsGiven() {
    final RunCommand command =
        new RunCommand(
            new Environment(Map.of(), new OptionDefaults(Map.of(), new java.util.Properties())));
    new CommandLine(command)
        .parseArgs("--rocksdb-memory", "268435456", "--data-dir", dir.toString());

    final java.util.Properties props = command.settings().streams().properties();

    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(id.go.bkn.asn.config.BoundedRocksDbMemory.class);
    assertThat(props.get(id.go.bkn.asn.config.BoundedRocksDbMemory.MEMORY_CONFIG))
        .isEqualTo(268_435_456L);
  }

  @Test
  void shouldRefuseWhenTheHttpPortIsOutOfRange() {
    final int code = run(Map.of(), "run", "--http-port", "70000");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --http-port must be a port number from 0 to 65535, got 70000");
  }

  @Test
  void shouldRefuseWhenMinResponsesIsZero() {
    final int code = run(Map.of(), "run", "--min-responses", "0");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: Invalid topology setting: minResponses must be at least 1, got 0");
  }

  @Test
  void shouldRefuseWhenAnAlertThresholdIsOutOfRange() {
    final int code = run(Map.of(), "run", "--alert-low-attendance", "1.5");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("lowAttendanceRate must be between 0.0 and 1.0: 1.5");
  }

  @Test
  void shouldExplainTheFormatWhenGraceIsNotADuration() {
    final int code = run(Map.of(), "run", "--grace", "soon");

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--grace", "'soon' is not a duration", "48h");
  }

  @Test
  void shouldRefuseWhenGraceIsNegative() {
    final int code = run(Map.of(), "run", "--grace", "-1h");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("dayGrace must be zero or more");
  }

  @Test
  void shouldBuildTheContractDefaultsWhenNoOptionIsGiven() {
    final PipelineApp.Settings settings = parse(Map.of(), "--data-dir", dir.toString());

    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    assertThat(settings.topology().weekGrace()).isEqualTo(Duration.ofHours(48));
    assertThat(settings.topology().dedupHorizon()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.topology().minResponses()).isEqualTo(5);
    assertThat(settings.topology().targetJp()).isEqualTo(20.0);
    assertThat(settings.topology().alerts().minCohort()).isEqualTo(20);
    assertThat(settings.registry().urls()).containsExactly("http://localhost:8081");
    assertThat(settings.streams().properties())
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(
            StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toAbsolutePath().toString());
  }

  @Test
  void shouldTakeConnectionAndOptionsFromTheEnvironmentWhenGiven() {
    final PipelineApp.Settings settings =
        parse(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                "SCHEMA_REGISTRY_URL", "https://registry:8081",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PIPELINE_GRACE", "2d",
                "PIPELINE_HTTP_PORT", "9000"),
            "--data-dir",
            dir.toString(),
            "--application-id",
            "asn-serang");

    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.topology().weekGrace()).isEqualTo(Duration.ofDays(2));
    assertThat(settings.registry().urls()).containsExactly("https://registry:8081");
    assertThat(settings.streams().properties())
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "asn-serang");
  }

  @Test
  void shouldSetAReplaysCommitIntervalTransactionTimeoutAndCacheWithReplay() {
    // when
    final java.util.Properties props =
        parse(Map.of(), "--data-dir", dir.toString(), "--replay", "--num-stream-threads", "2")
            .streams()
            .properties();

    // then
    assertThat(props)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20_000L)
        .containsEntry("producer.transaction.timeout.ms", 30_000)
        .containsEntry(
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
            id.go.bkn.asn.config.ReplayMode.cacheBytes(2, Runtime.getRuntime().maxMemory()));
  }

  @Test
  void shouldLeaveLiveSettingsWithoutReplay() {
    final java.util.Properties props =
        parse(Map.of(), "--data-dir", dir.toString()).streams().properties();

    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
    assertThat(props)
        .doesNotContainKeys(
            "producer.transaction.timeout.ms", StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
  }

  @Test
  void shouldTakeReplayFromTheEnvironmentAndLetAKafkaVariableWin() {
    final java.util.Properties props =
        parse(
                Map.of("PIPELINE_REPLAY", "true", "KAFKA_COMMIT_INTERVAL_MS", "15000"),
                "--data-dir",
                dir.toString())
            .streams()
            .properties();

    assertThat(props)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "15000")
        .containsEntry("producer.transaction.timeout.ms", 30_000)
        .containsKey(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
  }

  private PipelineApp.Settings parse(final Map<String, String> env, final String... args) {
    final String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    final OptionDefaults defaults = OptionDefaults.load(all, env);
    final CommandLine cli = PipelineMain.commandLine(new Environment(env, defaults));
    cli.setDefaultValueProvider(defaults);
    final CommandLine.ParseResult parsed = cli.parseArgs(all);
    final RunCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
    return command.settings();
  }
}
