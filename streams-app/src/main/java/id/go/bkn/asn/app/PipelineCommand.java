package id.go.bkn.asn.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command tree: {@code ./pipeline <command>}. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Participation analytics for the development of ASN (Kota Serang first).",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      SimulateCommand.class,
      ImportCommand.class,
      ConsumeCommand.class,
      TopicsCommand.class,
      AclsCommand.class,
      BenchCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Every option --some-name can also be set with the environment variable PIPELINE_SOME_NAME",
      "or in the properties file of --config (key some-name); --bootstrap-servers is",
      "KAFKA_BOOTSTRAP_SERVERS and --schema-registry-url is SCHEMA_REGISTRY_URL. Any other KAFKA_*",
      "variable becomes a Kafka client property (KAFKA_SECURITY_PROTOCOL -> security.protocol)."
    })
public final class PipelineCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
