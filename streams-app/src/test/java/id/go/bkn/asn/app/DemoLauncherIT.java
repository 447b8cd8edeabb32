package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app as a user starts it: {@code demo --no-simulator} in its own JVM comes up, serves
 * the registry, stops cleanly on a termination signal (what Ctrl-C sends is handled the same way)
 * and resumes on the same data dir.
 */
class DemoLauncherIT {

  private static final Path JAR = Path.of("target", "streams-app.jar");
  private static final Pattern REGISTRY = Pattern.compile("Schema registry\\s+(http://\\S+)");

  @TempDir Path dataDir;

  @Test
  void shouldStopWithinSecondsAndResumeWhenRestartedOnSameDataDir() throws Exception {
    assertThat(JAR).as("the packaged app (mvn package runs before the ITs)").exists();

    final Demo first = Demo.start(dataDir);
    assertThat(first.output()).anyMatch(l -> l.contains("demo is up (new data)"));
    assertThat(first.output()).anyMatch(l -> l.contains("14 topics created"));
    assertThat(get(first.registryUrl() + "/subjects")).startsWith("[").endsWith("]");
    final long stopMillis = first.stop();

    final Demo second = Demo.start(dataDir);
    assertThat(second.output()).anyMatch(l -> l.contains("demo is up (resumed data)"));
    assertThat(second.output()).anyMatch(l -> l.contains("0 topics created, 14 already existed"));
    second.stop();

    assertThat(stopMillis).as("stop time in ms").isLessThan(15_000);
    assertThat(first.finalOutput()).contains("Stopped.");
  }

  private static String get(final String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** One run of the demo in a child JVM, its output in a file. */
  private static final class Demo {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Demo(final Process process, final Path stdout, final Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    static Demo start(final Path dataDir) throws IOException {
      final Path out = Files.createTempFile("demo", ".out");
      final Path err = Files.createTempFile("demo", ".err");
      final Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toString(),
                  "demo",
                  "--no-simulator",
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  "0",
                  "--kafka-controller-port",
                  "0",
                  "--registry-port",
                  "0",
                  "--http-port",
                  "0")
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      final Demo demo = new Demo(process, out, err);
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !process.isAlive() || demo.finalOutput().contains("Press Ctrl-C"));
      } catch (final ConditionTimeoutException e) {
        process.destroyForcibly();
        throw e;
      }
      assertThat(process.isAlive()).as("demo running; stderr: %s", Files.readString(err)).isTrue();
      return demo;
    }

    List<String> output() throws IOException {
      return Files.readAllLines(stdout);
    }

    String registryUrl() throws IOException {
      for (final String line : output()) {
        final Matcher m = REGISTRY.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      throw new AssertionError("no registry address in " + output());
    }

    /** Sends SIGTERM and returns how long the process took to end. */
    long stop() throws InterruptedException, IOException {
      final long start = System.nanoTime();
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        final List<String> log = Files.readAllLines(stderr);
        throw new AssertionError(
            "the demo did not stop within 30 s; its log ends:\n"
                + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    String finalOutput() throws IOException {
      return Files.readString(stdout);
    }
  }
}
