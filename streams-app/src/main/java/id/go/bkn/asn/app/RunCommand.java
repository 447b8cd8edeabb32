package id.go.bkn.asn.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./pipeline run}: the streams app alone against an existing cluster and registry. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the streams app against an existing Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Override
  public Integer call() {
    return NotYetCommand.say(
        spec.commandLine().getErr(),
        "'run' is not available yet: the participation topology comes with issue #3.");
  }
}
