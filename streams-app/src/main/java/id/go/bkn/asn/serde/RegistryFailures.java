package id.go.bkn.asn.serde;

import id.go.bkn.asn.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/** Turns registry failures met while (de)serializing into Kafka's exception, saying which. */
final class RegistryFailures {
  private RegistryFailures() {}

  static SerializationException wrap(
      final SchemaRegistryException e, final String doing, final String topic) {
    final String cause;
    if (e.noResponse()) {
      cause = "schema registry unreachable";
    } else if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
      cause = "unknown schema id (the registry has no such schema)";
    } else if (e.errorCode() == SchemaRegistryException.INCOMPATIBLE_SCHEMA) {
      cause = "schema incompatible with the subject's earlier versions";
    } else {
      cause = "schema registry error " + e.errorCode();
    }
    return new SerializationException(
        "Error " + doing + " for topic " + topic + ": " + cause + ": " + e.getMessage(), e);
  }
}
