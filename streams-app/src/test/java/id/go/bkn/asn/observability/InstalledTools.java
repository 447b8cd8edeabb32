package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Debian's tools for the tests that run them: the Prometheus tools ({@code prometheus}, {@code
 * promtool}, {@code prometheus-alertmanager}, {@code amtool}), Chromium and its driver, the
 * AsyncAPI CLI. {@code .ci/run} installs them, so on CI (the environment variable {@code CI} is
 * set) a missing tool fails the test; elsewhere it skips it.
 */
public final class InstalledTools {

  static final String INSTALL_HINT =
      "install it with: apt-get install prometheus prometheus-alertmanager";

  private InstalledTools() {}

  /**
   * The executable on the PATH. Missing, it fails the test on CI and skips it elsewhere, saying how
   * to install it.
   */
  static Path require(final String name) {
    return require(name, INSTALL_HINT);
  }

  /**
   * The executable on the PATH. Missing, it fails the test on CI and skips it elsewhere, with the
   * given hint on how to install it.
   */
  public static Path require(final String name, final String installHint) {
    final Optional<Path> found =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .findFirst();
    final String message = name + " is not on the PATH; " + installHint;
    if (found.isEmpty() && System.getenv("CI") != null) {
      fail(message);
    }
    assumeTrue(found.isPresent(), message);
    return found.get();
  }
}
