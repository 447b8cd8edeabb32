package id.go.bkn.asn.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./pipeline simulate}: Kota Serang reference data and events into an existing cluster. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Write realistic Kota Serang reference data and events into an existing cluster.")
final class SimulateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;
  @Mixin private SimulationOptions simulation;

  @Override
  public Integer call() {
    simulation.validate();
    return NotYetCommand.say(
        spec.commandLine().getErr(),
        "'simulate' is not available yet: the Kota Serang simulator comes with issue #4.");
  }
}
