package id.go.bkn.asn.api;

/** A request the API answers with an error status and a message saying what to fix. */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(final int status, final String message) {
    super(message);
    this.status = status;
  }

  /** 400 for a bad parameter, 404 for an unknown unit or path, 503 while the view catches up. */
  public int status() {
    return status;
  }

  static ApiException badRequest(final String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(final String message) {
    return new ApiException(404, message);
  }
}
