package id.go.bkn.asn.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link EmbeddedKafka}: starts one {@link EmbeddedKafkaBroker} per
 * test class (free ports, temporary data dir), resolves parameters of that type, and stops the
 * broker and deletes its data when the class is done. Nested classes share their outer class's
 * broker.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
  private static final String KEY = "broker";

  @Override
  public void beforeAll(final ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(
      final ParameterContext parameterContext, final ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(
      final ParameterContext parameterContext, final ExtensionContext extensionContext) {
    return broker(extensionContext);
  }

  /** The broker of the test class running in {@code context}, started on first use. */
  public static EmbeddedKafkaBroker broker(final ExtensionContext context) {
    // The store closes AutoCloseable values when the context that created them ends: the class.
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> RunningBroker.start(context), RunningBroker.class)
        .broker();
  }

  /** A started broker and its temporary data dir, removed together. */
  private record RunningBroker(EmbeddedKafkaBroker broker, Path dataDir) implements AutoCloseable {
    static RunningBroker start(final ExtensionContext context) {
      final Map<String, String> properties = new LinkedHashMap<>();
      context
          .getTestClass()
          .flatMap(c -> AnnotationSupport.findAnnotation(c, EmbeddedKafka.class))
          .map(EmbeddedKafka::brokerProperties)
          .ifPresent(
              pairs -> {
                for (final String pair : pairs) {
                  final int eq = pair.indexOf('=');
                  if (eq < 1) {
                    throw new ParameterResolutionException("Not key=value: " + pair);
                  }
                  properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
              });
      final Path dataDir;
      try {
        dataDir = Files.createTempDirectory("embedded-kafka-");
      } catch (final IOException e) {
        throw new IllegalStateException("Cannot create a temporary data dir", e);
      }
      final EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder(dataDir)
              .port(0)
              .controllerPort(0)
              .brokerProperties(properties)
              .start();
      return new RunningBroker(broker, dataDir);
    }

    @Override
    public void close() throws IOException {
      broker.close();
      deleteRecursively(dataDir);
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
