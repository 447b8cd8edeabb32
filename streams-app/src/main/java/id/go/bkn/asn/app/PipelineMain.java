package id.go.bkn.asn.app;

import id.go.bkn.asn.http.HttpPortInUseException;
import id.go.bkn.asn.local.LocalStackException;
import id.go.bkn.asn.registry.server.PortInUseException;
import id.go.bkn.asn.serde.AvroClassTrust;
import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of {@code ./pipeline}: parses the command line and runs the chosen command. Errors
 * the user can fix are printed as one line and a non-zero exit code, never as a stack trace.
 */
public final class PipelineMain {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineMain.class);

  /** Exit code of a failed command (bad options are 2, as picocli has it). */
  static final int FAILED = 1;

  private PipelineMain() {}

  public static void main(final String[] args) {
    // Avro 1.12 only instantiates classes it trusts; the generated records are ours.
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    System.exit(execute(args, System.getenv(), stdout(), stderr()));
  }

  /** Runs the command line and returns the exit code; the tests call this directly. */
  static int execute(
      final String[] args,
      final Map<String, String> env,
      final PrintWriter out,
      final PrintWriter err) {
    final OptionDefaults defaults;
    try {
      defaults = OptionDefaults.load(args, env);
    } catch (final UserError e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    final CommandLine cli = commandLine(new Environment(env, defaults));
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(defaults);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("Error: " + describe(e));
          commandLine.getErr().flush();
          LOG.debug("Command failed", e);
          return FAILED;
        });
    final int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command tree; given the environment so commands never read it themselves. */
  static CommandLine commandLine(final Environment environment) {
    final CommandLine cli =
        new CommandLine(
            new PipelineCommand(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(final Class<K> type) throws Exception {
                try {
                  return type.getDeclaredConstructor(Environment.class).newInstance(environment);
                } catch (final NoSuchMethodException e) {
                  return CommandLine.defaultFactory().create(type);
                }
              }
            });
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** One line that says what went wrong; the cause chain only where it adds something. */
  static String describe(final Exception e) {
    if (e instanceof UserError
        || e instanceof LocalStackException
        || e instanceof PortInUseException
        || e instanceof HttpPortInUseException) {
      return e.getMessage();
    }
    final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && cause != cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
      cause = cause.getCause();
    }
    return text + " (" + e.getClass().getSimpleName() + "; LOG_LEVEL=DEBUG shows the details)";
  }

  @SuppressWarnings("checkstyle:regexp") // the console is the point here
  private static PrintWriter stdout() {
    return new PrintWriter(System.out, true);
  }

  @SuppressWarnings("checkstyle:regexp")
  private static PrintWriter stderr() {
    return new PrintWriter(System.err, true);
  }
}
