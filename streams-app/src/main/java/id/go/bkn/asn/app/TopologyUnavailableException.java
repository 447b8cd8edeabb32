package id.go.bkn.asn.app;

/**
 * The participation topology cannot be built, because a stage of it is not written yet (a stub
 * throws UnsupportedOperationException). {@code ./pipeline demo} then runs the stack without the
 * streams app, and {@code ./pipeline run} fails with this one line.
 */
public final class TopologyUnavailableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  TopologyUnavailableException(final UnsupportedOperationException cause) {
    super("the participation topology cannot be built yet (" + firstClause(cause) + ")", cause);
  }

  /** A stub's message up to its first colon: what is missing, without the config dump after it. */
  private static String firstClause(final Exception e) {
    final String message = String.valueOf(e.getMessage());
    final int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }
}
