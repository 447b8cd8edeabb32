package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pipeline bench} at smoke size (a small Kota Serang roster and backlog, the steady batch,
 * five seconds of latency at each rate, one scale-out phase of two instances) on its own embedded
 * broker: it must finish and write every figure the issue asks for. It never judges a figure's
 * size: speed belongs to the bench's ratios, not to a test on a shared machine.
 */
class BenchSmokeIT {

  private static final List<String> GUARANTEES = List.of("at_least_once", "exactly_once_v2");

  @TempDir Path dir;

  @Test
  void shouldWriteEveryFigureWhenBenchRunsAtSmokeSize() throws Exception {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Path json = dir.resolve("bench.json");

    final int code =
        PipelineMain.execute(
            new String[] {
              "bench",
              "--events",
              "8000",
              "--employees",
              "2000",
              "--latency-duration",
              "5s",
              "--emit-interval",
              "1s",
              "--scale-out",
              "2",
              "--data-dir",
              dir.resolve("data").toString(),
              "--output",
              json.toString()
            },
            Map.of(),
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    final JsonNode root = new ObjectMapper().readTree(json.toFile());
    final List<String> missing = new ArrayList<>();
    positive(root, missing, "machine.cores", "input.events", "settings.partitions");
    present(root, missing, "machine.jvm", "settings.streamThreads", "settings.cacheMaxBytes");
    present(root, missing, "settings.commitIntervalMs");
    positive(root, missing, "phases.B1_produce.recordsPerSecond");
    positive(root, missing, "phases.B2_consume.recordsPerSecond");
    for (final String g : GUARANTEES) {
      positive(root, missing, "phases.B3_passthrough." + g + ".eventsPerSecond");
      positive(root, missing, "phases.B4_avro." + g + ".eventsPerSecond");
      for (final String baseline : List.of("B3_passthrough", "B4_avro")) {
        // Each baseline runs three times, interleaved with the other; the median is reported.
        final JsonNode runs =
            root.at(pointer("phases." + baseline + "." + g + ".runsEventsPerSecond"));
        if (runs.size() != 3) {
          missing.add("phases." + baseline + "." + g + ".runsEventsPerSecond (three runs)");
        }
        runs.forEach(
            run -> {
              if (!(run.asDouble() > 0)) {
                missing.add("phases." + baseline + "." + g + ".runsEventsPerSecond[]");
              }
            });
      }
      final String full = "phases.full." + g + ".";
      positive(
          root,
          missing,
          full + "eventsPerSecond",
          full + "ratioToB3",
          full + "ratioToB4",
          full + "processCpuSecondsPerMillionEvents",
          full + "appCpuSecondsPerMillionEvents",
          full + "peakHeapBytes",
          full + "peakRssBytes",
          full + "peakRocksDbBytes",
          full + "stageDrainedSeconds.ingest",
          full + "stageDrainedSeconds.tree",
          full + "stageDrainedSeconds.program",
          full + "brokerWrittenPerEvent.outputs.records",
          full + "brokerWrittenPerEvent.outputs.bytes",
          full + "brokerWrittenPerEvent.repartitions.records",
          full + "brokerWrittenPerEvent.repartitions.bytes",
          full + "brokerWrittenPerEvent.changelogs.records",
          full + "brokerWrittenPerEvent.changelogs.bytes",
          full + "settings.partitions",
          full + "settings.streamThreads",
          full + "settings.commitIntervalMs");
      present(root, missing, full + "settings.cacheMaxBytes");
      assertThat(root.at(pointer(full + "settings.processingGuarantee")).asText()).isEqualTo(g);
    }
    // The steady phase (exactly_once_v2 only): fresh facts drained with the roster loaded.
    final String steady = "phases.full.exactly_once_v2.steady.";
    positive(
        root,
        missing,
        steady + "events",
        steady + "eventsPerSecond",
        steady + "processCpuSecondsPerMillionEvents",
        steady + "appCpuSecondsPerMillionEvents",
        steady + "stageDrainedSeconds.tree",
        steady + "brokerWrittenPerEvent.repartitions.records",
        steady + "brokerWrittenPerEvent.changelogs.records",
        steady + "brokerWrittenPerEvent.recordsOutputsRepartitionsChangelogs");
    assertThat(root.at(pointer(steady + "events")).asLong())
        .as("one fresh fact per event of the backlog")
        .isEqualTo(root.at(pointer("input.events")).asLong());
    for (final String rate : List.of("at50PercentOfMax", "at80PercentOfMax")) {
      final String l = "latency." + rate + ".";
      positive(
          root,
          missing,
          l + "targetEventsPerSecond",
          l + "measured",
          l + "p50Ms",
          l + "p95Ms",
          l + "p99Ms",
          l + "settings.partitions");
    }
    scaleOut(root, missing);
    positive(root, missing, "api.units", "api.requestsPerEndpoint");
    for (final String endpoint :
        List.of(
            "/units",
            "/units/{root}/activity?window=week",
            "/activity?period=previous",
            "/programs",
            "/alerts/history")) {
      for (final String format : List.of("json", "csv")) {
        final JsonNode one = root.path("api").path("endpoints").path(endpoint + " " + format);
        for (final String figure : List.of("p50Ms", "p99Ms", "maxMs", "answerBytes")) {
          if (!one.path(figure).isNumber() || !(one.path(figure).asDouble() > 0)) {
            missing.add("api.endpoints[" + endpoint + " " + format + "]." + figure);
          }
        }
      }
    }
    assertThat(missing).as("figures missing or not positive in %s", json).isEmpty();
    assertThat(out.toString()).contains("full exactly_once_v2", "steady", "p99", "scale-out");
  }

  /**
   * The scale-out phase of two instances: its rate, its ratio to the single instance and, for each
   * instance, its active tasks, the records it processed and its stream threads' CPU. Together the
   * instances must have processed every event. Whether the second instance gets a task before the
   * first has drained the smoke's small backlog alone is a matter of timing (one CI run saw the
   * second join with nothing left), so each instance's figures must be there, not positive.
   */
  private static void scaleOut(final JsonNode root, final List<String> missing) {
    final String s = "phases.scaleOut.2.";
    positive(
        root,
        missing,
        s + "instances",
        s + "eventsPerSecond",
        s + "singleInstanceEventsPerSecond",
        s + "ratioToSingleInstance",
        s + "seconds",
        s + "startupSeconds",
        s + "secondsUntilEveryInstanceRunning",
        s + "secondsFromStartToCommitted",
        s + "processCpuSecondsPerMillionEvents",
        s + "appCpuSecondsPerMillionEvents",
        s + "stageDrainedSeconds.ingest",
        s + "stageDrainedSeconds.tree",
        s + "stageDrainedSeconds.program",
        s + "brokerRecordsWrittenPerEvent",
        s + "settings.instances",
        s + "settings.partitions",
        s + "settings.streamThreads",
        s + "settings.commitIntervalMs");
    present(root, missing, s + "pausedSingleInstanceCpuSeconds", s + "settings.cacheMaxBytes");
    assertThat(root.at(pointer(s + "settings.processingGuarantee")).asText())
        .isEqualTo("exactly_once_v2");
    assertThat(root.at(pointer("settings.scaleOutInstances")).toString()).isEqualTo("[2]");
    final JsonNode instances = root.at(pointer(s + "perInstance"));
    assertThat(instances.size()).as("instances reported").isEqualTo(2);
    long processed = 0;
    int working = 0;
    for (int i = 0; i < instances.size(); i++) {
      final JsonNode one = instances.get(i);
      final String at = s + "perInstance[" + i + "].";
      if (one.path("clientId").asText().isEmpty()) {
        missing.add(at + "clientId");
      }
      if (!one.path("activeTasks").isObject()) {
        missing.add(at + "activeTasks = " + one.path("activeTasks"));
      }
      for (final String figure : List.of("recordsProcessed", "streamThreadCpuSeconds")) {
        if (!one.path(figure).isNumber() || one.path(figure).asDouble() < 0) {
          missing.add(at + figure + " = " + one.path(figure));
        }
      }
      if (!one.path("activeTasks").isEmpty() && one.path("recordsProcessed").asLong() > 0) {
        working++;
      }
      if (!one.path("rebalances").isNumber()) {
        missing.add(at + "rebalances");
      }
      processed += one.path("recordsProcessed").asLong();
    }
    assertThat(working).as("instances with tasks that processed records").isPositive();
    assertThat(processed)
        .as("records the two instances processed, against the events of the backlog")
        .isGreaterThanOrEqualTo(root.at(pointer("input.events")).asLong());
  }

  private static void present(
      final JsonNode root, final List<String> missing, final String... paths) {
    for (final String path : paths) {
      final JsonNode node = root.at(pointer(path));
      if (node.isMissingNode() || node.isNull()) {
        missing.add(path);
      }
    }
  }

  /** A figure that must be a number above zero: zero there means it was not measured. */
  private static void positive(
      final JsonNode root, final List<String> missing, final String... paths) {
    for (final String path : paths) {
      final JsonNode node = root.at(pointer(path));
      if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble())) {
        missing.add(path + " = " + node);
      }
    }
  }

  private static String pointer(final String path) {
    return "/" + path.replace('.', '/');
  }
}
