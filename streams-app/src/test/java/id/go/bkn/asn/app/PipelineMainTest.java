package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineMainTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final Map<String, String> env, final String... args) {
    return PipelineMain.execute(args, env, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void shouldListEveryCommandWhenAskedForHelp() {
    final int code = run(Map.of(), "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("demo", "run", "simulate", "import", "topics");
    assertThat(out.toString()).contains("KAFKA_BOOTSTRAP_SERVERS", "PIPELINE_SOME_NAME");
  }

  @Test
  void shouldExitWithUsageAndNoStackTraceWhenOptionIsUnknown() {
    final int code = run(Map.of(), "demo", "--sped", "3");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Unknown options: '--sped', '3'", "Possible solutions: --speed")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldExplainWhenNumberIsNotANumber() {
    final int code = run(Map.of(), "demo", "--speed", "fast");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--speed").contains("'fast'").doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseOutOfRangeValueWithOneLineWhenSpeedIsBelowOne() {
    final int code = run(Map.of(), "simulate", "--speed", "0.5");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip()).isEqualTo("Error: --speed must be 1 or more, got 0.5");
  }

  @Test
  void shouldRefuseWithOneLineWhenSimulationDurationIsNotPositive() {
    final int code = run(Map.of(), "simulate", "--duration", "0s");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip()).isEqualTo("Error: --duration must be positive, got PT0S");
  }

  @Test
  void shouldExplainTheDurationFormatWhenDurationIsUnreadable() {
    final int code = run(Map.of(), "simulate", "--duration", "ten minutes");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'ten minutes' is not a duration").doesNotContain("\tat ");
  }

  @Test
  void shouldTakeOptionFromEnvironmentWhenCommandLineDoesNotGiveIt() {
    final int code = run(Map.of("PIPELINE_SPEED", "0"), "simulate");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("--speed must be 1 or more, got 0.0");
  }

  @Test
  void shouldPreferCommandLineOverEnvironmentOverFileWhenAllGiveAValue() throws Exception {
    final Path file = dir.resolve("pipeline.properties");
    Files.writeString(file, "speed=0.25\nrate=-1\n");

    final int fromFile = run(Map.of(), "simulate", "--config", file.toString());
    final String fileErr = err.toString();
    err.getBuffer().setLength(0);
    final int fromEnv =
        run(Map.of("PIPELINE_CONFIG", file.toString(), "PIPELINE_SPEED", "0.5"), "simulate");
    final String envErr = err.toString();
    err.getBuffer().setLength(0);
    final int fromFlag =
        run(
            Map.of("PIPELINE_SPEED", "0.5"),
            "simulate",
            "--config",
            file.toString(),
            "--rate",
            "0");

    assertThat(fromFile).isEqualTo(PipelineMain.FAILED);
    assertThat(fileErr).contains("--rate must be a positive number of events per second, got -1.0");
    assertThat(fromEnv).isEqualTo(PipelineMain.FAILED);
    assertThat(envErr).contains("--rate must be a positive number of events per second, got -1.0");
    assertThat(fromFlag).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("got 0.0");
  }

  @Test
  void shouldStopWithMessageWhenConfigFileIsMissing() {
    final int code = run(Map.of(), "topics", "--config", dir.resolve("nope.properties").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: Config file "
                + dir.resolve("nope.properties")
                + " does not exist or is not a file.");
  }

  @Test
  void shouldRefusePortOutOfRangeWhenDemoIsStarted() {
    final int code = run(Map.of(), "demo", "--kafka-port", "70000", "--data-dir", dir.toString());

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --kafka-port must be a port number from 0 to 65535, got 70000");
  }

  @Test
  void shouldNameTheLineWhenImportFileIsBadBeforeContactingKafka() throws Exception {
    final Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"eventId\": \"x\"}\n");

    final int code =
        run(
            Map.of(),
            "import",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--topic",
            "training.enrollments",
            file.toString());

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: " + file + " line 1: missing required field 'employeeId'");
  }

  @Test
  void shouldRefuseImportWhenTopicIsNotInTheContract() throws Exception {
    final Path file = dir.resolve("x.jsonl");
    Files.writeString(file, "{}\n");

    final int code = run(Map.of(), "import", "--topic", "training.attendence", file.toString());

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("Unknown topic 'training.attendence'");
  }

  @Test
  void shouldDeriveVariableNamesWhenOptionsAreNamed() {
    assertThat(OptionDefaults.variableOf("--data-dir")).isEqualTo("PIPELINE_DATA_DIR");
    assertThat(OptionDefaults.variableOf("--bootstrap-servers"))
        .isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
    assertThat(OptionDefaults.variableOf("--schema-registry-url")).isEqualTo("SCHEMA_REGISTRY_URL");
  }

  @Test
  void shouldPrintTheDefaultAclsWithoutContactingKafkaWhenNotApplying() {
    final int code = run(Map.of(), "acls");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("application id asn-participation")
        .contains("User:asn-app")
        .contains("asn-participation-*")
        .contains("User:asn-data-team")
        .contains("User:asn-restricted-reader")
        .contains("restricted.*");
  }

  @Test
  void shouldRefuseWithOneLineWhenAPrincipalHasNoType() {
    final int code = run(Map.of(), "acls", "--data-team-principal", "analysts");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .startsWith("Error: Invalid option: the data team principal must be TYPE:NAME")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseWithOneLineWhenTheHttpKeyStoreIsMissing() {
    final Path missing = dir.resolve("missing.p12");

    final int code =
        run(
            Map.of("PIPELINE_HTTP_TLS_KEYSTORE_PASSWORD", "x"),
            "run",
            "--http-tls-keystore",
            missing.toString());

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: Invalid HTTP security option: the key store " + missing + " does not exist");
  }
}
