package id.go.bkn.asn.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's log directory: checks that it can be used, formats it the first time (as
 * {@code kafka-storage.sh format} does) and tells which cluster it belongs to afterwards. Every
 * check runs before Kafka starts, because Kafka reports these problems as stack traces or, for a
 * log dir failing at runtime, by halting the JVM.
 */
final class KafkaStorage {
  static final String META_PROPERTIES = "meta.properties";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);

  /**
   * The transaction protocol of KIP-98/KIP-447 rather than Kafka 4's default KIP-890 version 2: on
   * a busy single node, version 2 had the exactly-once producer's writes refused with
   * CONCURRENT_TRANSACTIONS and then OUT_OF_ORDER_SEQUENCE, dozens of broker ERROR lines and
   * retries a minute; version 1 shows none. exactly_once_v2 gives the same guarantee on either, and
   * a production cluster chooses its own.
   */
  static final String TRANSACTION_VERSION = "transaction.version=1";

  private static final String CHOOSE_ANOTHER = "choose another data dir with --data-dir";
  // Kafka's LogManager locks this file for as long as a broker uses the directory.
  private static final String LOCK_FILE = ".lock";

  private final Path dataDir;

  KafkaStorage(final Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  Path dataDir() {
    return dataDir;
  }

  /**
   * Creates the directory if needed and fails with a one-line message when Kafka could not use it.
   */
  void requireUsable() {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw unusable("is a file, not a directory: remove it or " + CHOOSE_ANOTHER);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (final IOException e) {
      throw unusable("cannot be created (" + e + "): " + CHOOSE_ANOTHER, e);
    }
    if (!Files.isWritable(dataDir)) {
      throw unusable("is not writable: fix its permissions or " + CHOOSE_ANOTHER);
    }
    requireNotLocked();
  }

  /**
   * The cluster id this directory was formatted for, empty if it was never formatted. Fails when it
   * was formatted for another node or cluster, which Kafka would only report after half starting.
   */
  Optional<String> formattedClusterId(final int nodeId, final Optional<String> expectedClusterId) {
    final Path metaFile = dataDir.resolve(META_PROPERTIES);
    if (!Files.exists(metaFile)) {
      return Optional.empty();
    }
    final Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaFile)) {
      meta.load(in);
    } catch (final IOException e) {
      throw unusable("has an unreadable " + META_PROPERTIES + " (" + e + "): " + CHOOSE_ANOTHER, e);
    }
    final String storedNode = meta.getProperty("node.id");
    final String storedCluster = meta.getProperty("cluster.id");
    if (storedNode == null || storedCluster == null) {
      throw unusable("was not formatted for a KRaft broker: " + CHOOSE_ANOTHER);
    }
    if (!storedNode.trim().equals(Integer.toString(nodeId))) {
      throw unusable(
          "was formatted for Kafka node id "
              + storedNode.trim()
              + ", not "
              + nodeId
              + ": "
              + CHOOSE_ANOTHER);
    }
    final String clusterId = storedCluster.trim();
    if (expectedClusterId.isPresent() && !expectedClusterId.get().equals(clusterId)) {
      throw unusable(
          "was formatted for Kafka cluster "
              + clusterId
              + ", not "
              + expectedClusterId.get()
              + ": "
              + CHOOSE_ANOTHER);
    }
    return Optional.of(clusterId);
  }

  /** Formats the directory for {@code clusterId} with the broker's own configuration. */
  void format(final Properties brokerProperties, final String clusterId) {
    format(brokerProperties, clusterId, List.of());
  }

  /**
   * The same, with more {@code kafka-storage format} arguments, e.g. {@code --add-scram} to create
   * SCRAM users in the first metadata (KIP-900). They may hold passwords, so the tool's output is
   * not logged then.
   */
  void format(
      final Properties brokerProperties, final String clusterId, final List<String> extraArgs) {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    Path configFile = null;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      configFile = Files.createTempFile("embedded-kafka-", ".properties");
      try (OutputStream out = Files.newOutputStream(configFile, StandardOpenOption.WRITE)) {
        brokerProperties.store(out, "embedded KRaft broker, for formatting only");
      }
      final List<String> args =
          new ArrayList<>(
              List.of(
                  "format",
                  "--config",
                  configFile.toString(),
                  "--cluster-id",
                  clusterId,
                  "--feature",
                  TRANSACTION_VERSION));
      args.addAll(extraArgs);
      final int exitCode = StorageTool.execute(args.toArray(String[]::new), printStream);
      if (extraArgs.isEmpty()) {
        LOG.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
      }
      if (exitCode != 0) {
        throw unusable("could not be formatted: " + output.toString(StandardCharsets.UTF_8).trim());
      }
    } catch (final IOException | RuntimeException e) {
      if (e instanceof LocalStackException) {
        throw (LocalStackException) e;
      }
      throw unusable("could not be formatted (" + e.getMessage() + "): " + CHOOSE_ANOTHER, e);
    } finally {
      deleteQuietly(configFile);
    }
  }

  private void requireNotLocked() {
    final Path lockFile = dataDir.resolve(LOCK_FILE);
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw inUse();
      }
    } catch (final OverlappingFileLockException e) {
      // This JVM already runs a broker on the directory.
      throw inUse();
    } catch (final IOException e) {
      throw unusable("is not writable (" + e + "): " + CHOOSE_ANOTHER, e);
    }
  }

  private LocalStackException inUse() {
    return unusable("is in use by another Kafka broker: stop it or " + CHOOSE_ANOTHER);
  }

  private LocalStackException unusable(final String problem) {
    return new LocalStackException("Data dir " + dataDir + " " + problem);
  }

  private LocalStackException unusable(final String problem, final Exception cause) {
    return new LocalStackException("Data dir " + dataDir + " " + problem, cause);
  }

  private static void deleteQuietly(final Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (final IOException e) {
      LOG.debug("Could not delete {}", file, e);
    }
  }
}
