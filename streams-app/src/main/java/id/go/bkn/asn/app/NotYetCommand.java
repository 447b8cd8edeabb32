package id.go.bkn.asn.app;

/** Says in one line that a command's logic comes with a later issue, and fails. */
final class NotYetCommand {

  /** Exit code of a command that exists but does nothing yet. */
  static final int NOT_AVAILABLE = 3;

  private NotYetCommand() {}

  static int say(final java.io.PrintWriter err, final String what) {
    err.println(what);
    err.flush();
    return NOT_AVAILABLE;
  }
}
