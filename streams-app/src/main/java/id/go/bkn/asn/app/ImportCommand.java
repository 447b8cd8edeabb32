package id.go.bkn.asn.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the local stack lands. */
@Command(name = "import", mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return 0;
  }
}
