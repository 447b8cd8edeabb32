package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final String... args) {
    return PipelineMain.execute(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void shouldRefuseWithOneLineWhenProfileIsUnknown() {
    final int code = run("bench", "--profile", "jakarta");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --profile must be kota-serang or national, got 'jakarta'");
  }

  @Test
  void shouldRefuseWithOneLineWhenKotaSerangRosterIsTooSmallToStaffItsOffices() {
    final int code = run("bench", "--employees", "500");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --employees of the kota-serang profile must be 2000-880000, got 500");
  }

  @Test
  void shouldRefuseWithOneLineWhenRegistryIsGivenWithoutCluster() {
    final int code = run("bench", "--schema-registry-url", "http://localhost:1");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString()).contains("--schema-registry-url is for an existing cluster");
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseWithOneLineWhenCommitIntervalIsZero() {
    final int code = run("bench", "--commit-interval", "0s");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --commit-interval must be positive, got PT0S");
  }

  @Test
  void shouldReadScaleOutAsInstanceCountsInTheirOrder() {
    assertThat(BenchCommand.parseScaleOut("2,3")).containsExactly(2, 3);
    assertThat(BenchCommand.parseScaleOut(" 3, 1 ,8")).containsExactly(3, 1, 8);
  }

  @Test
  void shouldRunNoScaleOutPhaseWhenOptionIsAbsent() {
    assertThat(BenchCommand.parseScaleOut(null)).isEmpty();
  }

  @Test
  void shouldRefuseWithOneLineWhenScaleOutCountIsAboveEight() {
    final int code = run("bench", "--scale-out", "2,9");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: --scale-out takes instance counts of 1-8 separated by commas, like 2,3;"
                + " got '2,9'");
  }

  @Test
  void shouldRefuseWithOneLineWhenScaleOutCountIsZero() {
    final int code = run("bench", "--scale-out", "0");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: --scale-out takes instance counts of 1-8 separated by commas, like 2,3;"
                + " got '0'");
  }

  @Test
  void shouldRefuseWithOneLineWhenScaleOutIsNotANumber() {
    final int code = run("bench", "--scale-out", "2;3");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: --scale-out takes instance counts of 1-8 separated by commas, like 2,3;"
                + " got '2;3'");
  }

  @Test
  void shouldRefuseWithOneLineWhenScaleOutHasAnEmptyCount() {
    final int code = run("bench", "--scale-out", "2,,3");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Error: --scale-out takes instance counts of 1-8 separated by commas, like 2,3;"
                + " got '2,,3'");
  }

  @Test
  void shouldRefuseWithOneLineWhenScaleOutNamesACountTwice() {
    final int code = run("bench", "--scale-out", "2,3,2");

    assertThat(code).isEqualTo(PipelineMain.FAILED);
    assertThat(err.toString().strip())
        .isEqualTo("Error: --scale-out names 2 twice; give each count once");
  }
}
