package id.go.bkn.asn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bench run's figures as a tree of named values: the machine (cores, JVM), the run's settings,
 * the input, every phase's figures (each Streams phase per processing guarantee, with its own
 * settings) and the latency. Written as JSON and printed as a table.
 */
public final class BenchReport {

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> phases = new LinkedHashMap<>();

  BenchReport(final BenchSettings settings, final String runTag) {
    final Map<String, Object> bench = new LinkedHashMap<>();
    bench.put("run", runTag);
    bench.put("startedAt", Instant.now().toString());
    root.put("bench", bench);
    root.put("machine", machine());
    final Map<String, Object> run = new LinkedHashMap<>();
    run.put("profile", settings.profile().name().toLowerCase(Locale.ROOT));
    run.put("seed", settings.seed());
    run.put("maxEvents", settings.events());
    run.put("weeksOfHistory", settings.weeks());
    run.put("employees", settings.employees() > 0 ? settings.employees() : "profile default");
    run.put("partitions", settings.partitions());
    run.put("streamThreads", settings.streamThreads());
    run.put("cacheMaxBytes", settings.cacheMaxBytes());
    run.put("commitIntervalMs", settings.commitIntervalMs());
    run.put("emitIntervalMs", settings.emitInterval().toMillis());
    run.put("rocksDbMemoryBytes", settings.rocksDbMemoryBytes());
    run.put("latencySecondsPerRate", settings.latencyDuration().toSeconds());
    run.put("scaleOutInstances", settings.scaleOut());
    root.put("settings", run);
    root.put("phases", phases);
  }

  /** The machine the figures were taken on. */
  static Map<String, Object> machine() {
    final Map<String, Object> machine = new LinkedHashMap<>();
    final Runtime runtime = Runtime.getRuntime();
    machine.put("cores", runtime.availableProcessors());
    machine.put(
        "jvm",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version", System.getProperty("java.version")));
    machine.put("maxHeapBytes", runtime.maxMemory());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    machine.put(
        "systemLoadAverageAtStart",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return machine;
  }

  void put(final String key, final Object value) {
    root.put(key, value);
  }

  void phase(final String name, final Map<String, Object> figures) {
    phases.put(name, figures);
  }

  @SuppressWarnings("unchecked")
  void phase(final String name, final String guarantee, final Map<String, Object> figures) {
    ((Map<String, Object>) phases.computeIfAbsent(name, k -> new LinkedHashMap<>()))
        .put(guarantee, figures);
  }

  void finish(final Instant at) {
    final Map<String, Object> bench = cast(root.get("bench"));
    bench.put("finishedAt", at.toString());
    bench.put(
        "systemLoadAverageAtEnd",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The whole tree (unmodifiable view). */
  public Map<String, Object> figures() {
    return java.util.Collections.unmodifiableMap(root);
  }

  /** Writes the JSON file, creating its directory. */
  public void write(final Path file) {
    try {
      final Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The headline figures as a table. */
  public void printTable(final PrintWriter out) {
    out.println();
    out.printf("%-34s %14s %14s %12s%n", "phase", "events/s", "CPU s/M ev", "vs B3 / B4");
    row(
        out,
        "B1 produce",
        cast(phases.get("B1_produce")),
        "recordsPerSecond",
        "processCpuSecondsPerMillionRecords",
        false);
    row(
        out,
        "B2 consume",
        cast(phases.get("B2_consume")),
        "recordsPerSecond",
        "processCpuSecondsPerMillionRecords",
        false);
    for (final String phase : new String[] {"B3_passthrough", "B4_avro", "full"}) {
      final Map<String, Object> byGuarantee = cast(phases.get(phase));
      if (byGuarantee == null) {
        continue;
      }
      byGuarantee.forEach(
          (guarantee, figures) ->
              row(
                  out,
                  phase + " " + guarantee,
                  cast(figures),
                  "eventsPerSecond",
                  "processCpuSecondsPerMillionEvents",
                  "full".equals(phase)));
    }
    final Map<String, Object> full = cast(phases.get("full"));
    final Map<String, Object> eos = full == null ? null : cast(full.get("exactly_once_v2"));
    row(
        out,
        "steady exactly_once_v2 (roster in)",
        eos == null ? null : cast(eos.get("steady")),
        "eventsPerSecond",
        "processCpuSecondsPerMillionEvents",
        false);
    final Map<String, Object> scaleOut = cast(phases.get("scaleOut"));
    if (scaleOut != null) {
      out.println();
      out.printf(
          "%-34s %14s %14s %12s%n",
          "scale-out, exactly_once_v2", "events/s", "CPU s/M ev", "vs 1 inst.");
      scaleOut.forEach(
          (count, value) -> {
            final Map<String, Object> figures = cast(value);
            out.printf(
                Locale.ROOT,
                "%-34s %14.0f %14.1f %12s%n",
                count + " instances",
                number(figures.get("eventsPerSecond")),
                number(figures.get("processCpuSecondsPerMillionEvents")),
                String.format(Locale.ROOT, "%.2f x", number(figures.get("ratioToSingleInstance"))));
            @SuppressWarnings("unchecked")
            final java.util.List<Map<String, Object>> instances =
                (java.util.List<Map<String, Object>>) figures.get("perInstance");
            for (final Map<String, Object> one : instances) {
              out.printf(
                  Locale.ROOT,
                  "  %-32s tasks %s, %,.0f records processed, stream threads %.1f CPU s%n",
                  one.get("clientId"),
                  one.get("activeTasks"),
                  number(one.get("recordsProcessed")),
                  number(one.get("streamThreadCpuSeconds")));
            }
          });
    }
    final Map<String, Object> latency = cast(root.get("latency"));
    if (latency != null) {
      out.println();
      out.printf(
          "%-34s %10s %10s %10s %10s%n",
          "latency (event to aggregate)", "events/s", "p50 ms", "p95 ms", "p99 ms");
      latency.forEach(
          (name, value) -> {
            final Map<String, Object> l = cast(value);
            out.printf(
                Locale.ROOT,
                "%-34s %10.0f %10.0f %10.0f %10.0f%n",
                name,
                number(l.get("targetEventsPerSecond")),
                number(l.get("p50Ms")),
                number(l.get("p95Ms")),
                number(l.get("p99Ms")));
          });
    }
    out.flush();
  }

  private static void row(
      final PrintWriter out,
      final String name,
      final Map<String, Object> figures,
      final String rate,
      final String cpu,
      final boolean ratios) {
    if (figures == null) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-34s %14.0f %14.1f %12s%n",
        name,
        number(figures.get(rate)),
        number(figures.get(cpu)),
        ratios
            ? String.format(
                Locale.ROOT,
                "%.0f%% / %.0f%%",
                100 * number(figures.get("ratioToB3")),
                100 * number(figures.get("ratioToB4")))
            : "");
  }

  private static double number(final Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(final Object value) {
    return (Map<String, Object>) value;
  }
}
