package id.go.bkn.asn.error;

import id.go.bkn.asn.registry.SchemaRegistryException;

/**
 * Tells a schema registry that could not serve a schema (infrastructure: the record is most likely
 * valid) from a registry that said no (the record's fault). The exception handlers fail the task on
 * the first kind, so that the record is read or written again once the registry is back, within the
 * thread-death budget, and set the record aside on the second.
 */
public final class TransientRegistryFault {

  private TransientRegistryFault() {}

  /**
   * The registry failure behind the exception when it is transient (no response, a 5xx or 429 that
   * the client's own retries did not overcome), or null: an unknown schema id, an incompatible
   * schema or another 4xx is the record's fault.
   */
  public static SchemaRegistryException of(final Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryException registry) {
        final int status = registry.httpStatus();
        return registry.noResponse() || status >= 500 || status == 429 ? registry : null;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
