package id.go.bkn.asn.simulator.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a demo's simulation stands, kept in a small file in the data dir so that a restart resumes
 * it: the seed and start it was begun with, how many records it has handed over, and the simulated
 * time it had reached. Written atomically (a temporary file, then a rename).
 *
 * @param seed the simulation's seed
 * @param from the simulation's start
 * @param position records handed over so far ({@link ResumableSink#position()})
 * @param reached the simulated time reached
 */
public record SimulationProgress(long seed, Instant from, long position, Instant reached) {

  /** The progress saved in {@code file}, if there is one. */
  public static Optional<SimulationProgress> load(final Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    final Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
      return Optional.of(
          new SimulationProgress(
              Long.parseLong(props.getProperty("seed")),
              Instant.parse(props.getProperty("from")),
              Long.parseLong(props.getProperty("position")),
              Instant.parse(props.getProperty("reached"))));
    } catch (final IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read the simulation's progress from "
              + file
              + " ("
              + e.getMessage()
              + "); start over with --fresh",
          e);
    }
  }

  /** Saves this progress to {@code file}. */
  public void save(final Path file) {
    final Properties props = new Properties();
    props.setProperty("seed", Long.toString(seed));
    props.setProperty("from", from.toString());
    props.setProperty("position", Long.toString(position));
    props.setProperty("reached", reached.toString());
    try {
      final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer writer = Files.newBufferedWriter(tmp)) {
        props.store(
            writer, "Where the demo's simulation stands; delete it (or --fresh) to start over");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot save the simulation's progress to " + file, e);
    }
  }
}
