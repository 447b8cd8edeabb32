package id.go.bkn.asn.observability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, from a test whose working directory is a module. */
final class Repository {

  private Repository() {}

  /** The repository root: the nearest directory up from here that holds {@code .mvn/}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "No repository root (a directory with .mvn/ and pom.xml) above "
            + Path.of("").toAbsolutePath());
  }

  /** A path of the repository, e.g. {@code grafana/dashboards}. */
  static Path resolve(final String relative) {
    return root().resolve(relative);
  }
}
