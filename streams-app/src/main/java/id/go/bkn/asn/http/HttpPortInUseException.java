package id.go.bkn.asn.http;

/** The app's HTTP port is taken; the message says which and how to choose another. */
public final class HttpPortInUseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public HttpPortInUseException(final String host, final int port, final Throwable cause) {
    super(
        "HTTP port "
            + port
            + " on "
            + host
            + " is already in use: stop the process using it or choose another port with"
            + " --http-port (PIPELINE_HTTP_PORT)",
        cause);
  }
}
