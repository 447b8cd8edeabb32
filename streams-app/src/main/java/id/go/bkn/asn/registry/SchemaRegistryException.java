package id.go.bkn.asn.registry;

import java.util.Arrays;

/**
 * A failure of a schema registry operation, carrying the Confluent error code (40401 subject not
 * found, 40403 schema not found, 409 incompatible schema...) and the HTTP status that goes with it,
 * so the embedded server answers exactly what a Confluent registry would and a client can tell a
 * missing schema from an unreachable registry. When no registry answered at all, both are {@link
 * #NO_RESPONSE}.
 */
public final class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Error code and status when no registry answered (connection refused, timeout...). */
  public static final int NO_RESPONSE = -1;

  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int STORE_ERROR = 50001;

  private final int errorCode;
  private final int httpStatus;

  public SchemaRegistryException(
      final int errorCode, final int httpStatus, final String message, final Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }

  public SchemaRegistryException(final int errorCode, final String message) {
    this(errorCode, statusOf(errorCode), message, null);
  }

  /** Confluent's error code, e.g. 40401; {@link #NO_RESPONSE} when no registry answered. */
  public int errorCode() {
    return errorCode;
  }

  /** The HTTP status of the answer, e.g. 404; {@link #NO_RESPONSE} when no registry answered. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when no registry answered (after the retries), as opposed to a registry saying no. */
  public boolean noResponse() {
    return httpStatus == NO_RESPONSE;
  }

  /** True for the "not found" family (subject, version or schema). */
  public boolean notFound() {
    return httpStatus == NOT_FOUND;
  }

  /** The HTTP status Confluent pairs with an error code: its first three digits. */
  public static int statusOf(final int errorCode) {
    int status = errorCode;
    while (status >= 1000) {
      status /= 10;
    }
    return status;
  }

  static SchemaRegistryException subjectNotFound(final String subject) {
    return new SchemaRegistryException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException versionNotFound(final String subject, final int version) {
    return new SchemaRegistryException(
        VERSION_NOT_FOUND, "Version " + version + " of subject '" + subject + "' not found.");
  }

  static SchemaRegistryException schemaNotFound(final int id) {
    return new SchemaRegistryException(SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
  }

  static SchemaRegistryException schemaNotFoundInSubject(final String subject) {
    return new SchemaRegistryException(
        SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'.");
  }

  static SchemaRegistryException invalidCompatibilityLevel(final String name) {
    return new SchemaRegistryException(
        INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level '"
            + name
            + "'. Valid values are "
            + Arrays.toString(CompatibilityLevel.values()));
  }
}
