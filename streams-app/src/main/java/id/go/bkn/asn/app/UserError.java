package id.go.bkn.asn.app;

/**
 * A problem the user can fix (a bad option, file or address). The CLI prints its message alone,
 * without a stack trace, and exits non-zero.
 */
public final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error whose message says what is wrong and what to do about it. */
  public UserError(final String message) {
    super(message);
  }

  /** The same, keeping the cause for the debug log. */
  public UserError(final String message, final Throwable cause) {
    super(message, cause);
  }
}
