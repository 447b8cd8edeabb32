package id.go.bkn.asn.registry.server;

/** The port a server was asked to listen on is taken; the message says which and what to do. */
public final class PortInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(final String host, final int port, final String what) {
    super(
        "Port "
            + port
            + " on "
            + host
            + " is already in use; stop whatever listens there (another "
            + what
            + "?) or configure another port");
  }
}
