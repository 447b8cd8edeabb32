package id.go.bkn.asn.local;

/**
 * A problem starting or running the embedded local stack that the user can fix (a port in use, an
 * unusable data dir, a broker that did not come up), with a one-line message that says what to do.
 * Callers print {@link #getMessage()} and exit; the stack trace is not meant for the user.
 */
public final class LocalStackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalStackException(final String message) {
    super(message);
  }

  public LocalStackException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
