package id.go.bkn.asn.app;

import id.go.bkn.asn.topics.TopicAdmin;
import id.go.bkn.asn.topics.TopicSettings;
import id.go.bkn.asn.topics.TopicSetupResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline topics}: creates every topic of the contract; running it twice changes nothing.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Create every topic of the contract with its settings (idempotent).")
final class TopicsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;
  @Mixin private TopicOptions topicOptions;

  private final Environment environment;

  TopicsCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    final TopicSettings settings = topicOptions.settings();
    final TopicSetupResult result;
    try (Admin admin = Admin.create(connection.kafka(environment).clientConfig())) {
      result =
          ClusterErrors.explain(
              connection.bootstrapServers, () -> new TopicAdmin(admin, settings).createTopics());
    }
    final PrintWriter out = spec.commandLine().getOut();
    out.println(result.summary());
    result.created().forEach(t -> out.println("  created  " + t));
    result.mismatched().forEach(m -> out.println("  differs  " + m));
    return 0;
  }
}
