package id.go.bkn.asn.app;

import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.topics.TopicSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded stack of {@code ./pipeline demo} keeps its data and listens. */
final class LocalStackOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:PIPELINE_HOME:-.}/.data",
      description = "Where the broker keeps its data (default: .data beside the launcher).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "The broker's port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
  int kafkaPort;

  @Option(
      names = "--kafka-controller-port",
      paramLabel = "PORT",
      defaultValue = "9093",
      description = "The KRaft controller's port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description =
          "The schema registry's port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).")
  int registryPort;

  LocalStack.Settings settings(final TopicSettings topics) {
    requirePort(kafkaPort, "--kafka-port");
    requirePort(controllerPort, "--kafka-controller-port");
    requirePort(registryPort, "--registry-port");
    final LocalStack.Settings defaults = LocalStack.Settings.defaults(dataDir);
    return new LocalStack.Settings(
        dataDir.toAbsolutePath().normalize(),
        defaults.host(),
        kafkaPort,
        controllerPort,
        registryPort,
        topics);
  }

  private static void requirePort(final int port, final String option) {
    if (port < 0 || port > 65_535) {
      throw new UserError(option + " must be a port number from 0 to 65535, got " + port);
    }
  }
}
